package io.secretgate.rollout;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.secretgate.api.SecretgateKeys;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A Deployment, StatefulSet or DaemonSet as restart planning sees it.
 *
 * @param restartOnChange its {@code secretgate.io/restart-on-change} annotation is {@code "true"}
 * @param consumed the Secrets its pod template consumes ({@link SecretConsumers})
 * @param currentHash its pod template's {@code secretgate.io/secret-hash}, if any
 * @param paused a Deployment's {@code spec.paused}: a changed template replaces its Pods only once it is resumed
 */
public record Workload(String kind, String namespace, String name, boolean restartOnChange, SortedSet<String> consumed,
    Optional<String> currentHash, boolean paused) {

  /** A workload that is not paused. */
  public static Workload of(String kind, ObjectMeta meta, PodTemplateSpec template) {
    return of(kind, meta, template, false);
  }

  public static Workload of(String kind, ObjectMeta meta, PodTemplateSpec template, boolean paused) {
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    Map<String, String> templateAnnotations = template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null
        ? Map.of() : template.getMetadata().getAnnotations();
    return new Workload(kind, meta.getNamespace(), meta.getName(),
        "true".equalsIgnoreCase(String.valueOf(annotations.get(SecretgateKeys.ANNOTATION_RESTART_ON_CHANGE)).strip()),
        SecretConsumers.secretNames(template), Optional.ofNullable(templateAnnotations.get(SecretgateKeys.ANNOTATION_SECRET_HASH)), paused);
  }
}
