package io.secretgate.secrets;

/**
 * The controller ownerReference ESO puts on the Secret for {@code creationPolicy: Owner}. {@code uid}
 * is null when the ExternalSecret has none yet (a manifest file); the controller has it.
 */
public record OwnerReference(String apiVersion, String kind, String name, String uid, boolean controller, boolean blockOwnerDeletion) {
  public static final String API_VERSION = "external-secrets.io/v1";
  public static final String KIND = "ExternalSecret";

  public static OwnerReference controllerOf(String esName, String esUid) {
    return new OwnerReference(API_VERSION, KIND, esName, esUid, true, true);
  }
}
