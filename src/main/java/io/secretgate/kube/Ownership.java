package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.secretgate.api.ApiGroup;
import io.secretgate.api.ExternalSecret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Owner references on a Secret, read the way ESO (controller-runtime) reads them. */
final class Ownership {
  private Ownership() {}

  /** The controller ownerReference of {@code object}, if any. */
  static Optional<OwnerReference> controllerOf(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    if (refs == null) return Optional.empty();
    return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  /** True when {@code ref} points at an ExternalSecret (any version of the group). */
  static boolean isExternalSecret(OwnerReference ref) {
    String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return ApiGroup.NAME.equals(group) && io.secretgate.secrets.OwnerReference.KIND.equals(ref.getKind());
  }

  /**
   * True when {@code ref} names the ExternalSecret {@code esName} (group, kind and name, as
   * controller-runtime compares; the uid is not compared, so a re-created ExternalSecret of the same
   * name takes its Secret over, as in ESO).
   */
  static boolean refersTo(OwnerReference ref, String esName) {
    return isExternalSecret(ref) && Objects.equals(ref.getName(), esName);
  }

  /** True when {@code object}'s controller is exactly this ExternalSecret object (uid match). */
  static boolean isControlledBy(HasMetadata object, ExternalSecret es) {
    String uid = es.getMetadata().getUid();
    return uid != null && controllerOf(object).map(r -> uid.equals(r.getUid()) && refersTo(r, es.getMetadata().getName())).orElse(false);
  }

  /** The controller ownerReference ESO puts on a Secret for creationPolicy Owner. */
  static OwnerReference controllerReference(ExternalSecret es) {
    String uid = es.getMetadata().getUid();
    if (uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("ExternalSecret " + es.getMetadata().getName() + " has no uid: read it from the cluster first");
    }
    return new OwnerReferenceBuilder()
        .withApiVersion(io.secretgate.secrets.OwnerReference.API_VERSION)
        .withKind(io.secretgate.secrets.OwnerReference.KIND)
        .withName(es.getMetadata().getName())
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
