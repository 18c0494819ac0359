package io.secretgate.api;

import java.util.List;

/** The API group and versions secretgate reads (ESO's). */
public final class ApiGroup {
  public static final String NAME = "external-secrets.io";
  public static final String V1 = NAME + "/v1";
  public static final String V1BETA1 = NAME + "/v1beta1";
  /** The kinds of the group that secretgate reads; ESO's others (ClusterExternalSecret, PushSecret...) it does not. */
  public static final List<String> KINDS = List.of("ExternalSecret", "SecretStore", "ClusterSecretStore");

  private ApiGroup() {}

  /** Whether {@code apiVersion} is of ESO's group, in any version (served or not). */
  public static boolean isOfGroup(String apiVersion) {
    return apiVersion != null && apiVersion.startsWith(NAME + "/");
  }

  /** Whether {@code apiVersion} is one of the ESO versions secretgate accepts. */
  public static boolean isSupported(String apiVersion) {
    return V1.equals(apiVersion) || V1BETA1.equals(apiVersion);
  }
}
