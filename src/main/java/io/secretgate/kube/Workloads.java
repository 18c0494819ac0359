package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.api.SecretgateKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads side of restarts, thin: lists a namespace's Deployments, StatefulSets and DaemonSets
 * that carry {@code secretgate.io/restart-on-change: "true"} (only when a Secret's data changed there,
 * so nothing is cached cluster-wide), reads Secrets' data-hashes, and rolls a workload by setting
 * {@code secretgate.io/secret-hash} on its pod template with a JSON merge patch (what
 * {@code kubectl rollout restart} does with its own annotation).
 */
public final class Workloads {
  public static final String DEPLOYMENT = "Deployment";
  public static final String STATEFUL_SET = "StatefulSet";
  public static final String DAEMON_SET = "DaemonSet";

  /** A workload as listed: its kind, the object, its pod template, and whether it is a paused Deployment. */
  public record Found(String kind, HasMetadata object, PodTemplateSpec template, boolean paused) {}

  private final KubernetesClient client;

  public Workloads(KubernetesClient client) {
    this.client = client;
  }

  /** The annotated workloads of {@code namespace}. */
  public List<Found> annotated(String namespace) {
    List<Found> out = new ArrayList<>();
    try {
      for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
        if (annotated(d)) {
          out.add(new Found(DEPLOYMENT, d, d.getSpec() == null ? null : d.getSpec().getTemplate(),
              d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused())));
        }
      }
      for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
        if (annotated(s)) out.add(new Found(STATEFUL_SET, s, s.getSpec() == null ? null : s.getSpec().getTemplate(), false));
      }
      for (DaemonSet s : client.apps().daemonSets().inNamespace(namespace).list().getItems()) {
        if (annotated(s)) out.add(new Found(DAEMON_SET, s, s.getSpec() == null ? null : s.getSpec().getTemplate(), false));
      }
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, "workloads", namespace, "");
    }
    return out;
  }

  /** A Secret's data-hash: its {@code reconcile.external-secrets.io/data-hash}, else computed from its data; empty when it does not exist. */
  public Optional<String> dataHash(String namespace, String name) {
    Secret s;
    try {
      s = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, SecretUpdates.RESOURCE, namespace, name);
    }
    if (s == null) return Optional.empty();
    Map<String, String> annotations = s.getMetadata().getAnnotations();
    String hash = annotations == null ? null : annotations.get(ManagedSecretKeys.ANNOTATION_DATA_HASH);
    return Optional.of(hash != null ? hash : SecretMerge.dataHash(s.getData() == null ? Map.of() : s.getData()));
  }

  /** Rolls the workload: its pod template gets {@code secretgate.io/secret-hash: hash}. */
  public void roll(String kind, String namespace, String name, String hash) {
    String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + SecretgateKeys.ANNOTATION_SECRET_HASH + "\":\"" + hash + "\"}}}}}";
    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
    try {
      switch (kind) {
        case DEPLOYMENT -> client.apps().deployments().inNamespace(namespace).withName(name).patch(merge, patch);
        case STATEFUL_SET -> client.apps().statefulSets().inNamespace(namespace).withName(name).patch(merge, patch);
        case DAEMON_SET -> client.apps().daemonSets().inNamespace(namespace).withName(name).patch(merge, patch);
        default -> throw new IllegalArgumentException("not a workload kind: " + kind);
      }
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, kind, namespace, name);
    }
  }

  /** The workload as an Event's involved object. */
  public static ObjectReference reference(Found found) {
    return new ObjectReferenceBuilder().withApiVersion("apps/v1").withKind(found.kind())
        .withNamespace(found.object().getMetadata().getNamespace()).withName(found.object().getMetadata().getName())
        .withUid(found.object().getMetadata().getUid()).build();
  }

  private static boolean annotated(HasMetadata object) {
    Map<String, String> a = object.getMetadata().getAnnotations();
    return a != null && "true".equalsIgnoreCase(String.valueOf(a.get(SecretgateKeys.ANNOTATION_RESTART_ON_CHANGE)).strip());
  }
}
