package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.secretgate.api.ApiGroup;
import io.secretgate.api.ExternalSecret;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.secrets.SyncEvent;

/**
 * Where the controller records Kubernetes Events: {@link EventRecorder} writes them at once,
 * {@link QueuedEvents} hands them to a sender thread. Recording never throws.
 */
public interface Events {
  /** Records {@code event} on {@code es}; never throws. */
  default void record(ExternalSecret es, SyncEvent event) {
    record(involved(es), event);
  }

  /**
   * Records {@code event} on any object (a store, a workload); never throws. A cluster-scoped object's
   * events go to {@code default}, as client-go's recorder does.
   */
  void record(ObjectReference involved, SyncEvent event);

  /** {@code es} as an Event's involved object. */
  static ObjectReference involved(ExternalSecret es) {
    return new ObjectReferenceBuilder()
        .withApiVersion(es.getApiVersion() == null ? ApiGroup.V1 : es.getApiVersion())
        .withKind(StatusWriter.RESOURCE)
        .withNamespace(DesiredSecretBuilder.namespace(es))
        .withName(es.getMetadata().getName())
        .withUid(es.getMetadata().getUid())
        .withResourceVersion(es.getMetadata().getResourceVersion())
        .build();
  }

  /** The namespace of {@code involved}'s Events: its own, or {@code default} for a cluster-scoped object. */
  static String namespace(ObjectReference involved) {
    return involved.getNamespace() == null || involved.getNamespace().isEmpty() ? "default" : involved.getNamespace();
  }
}
