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
 */
public record Workload(String kind, String namespace, String name, boolean restartOnChange, SortedSet<String> consumed,
    Optional<String> currentHash) {

  public static Workload of(String kind, ObjectMeta meta, PodTemplateSpec template) {
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    Map<String, String> templateAnnotations = template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null
        ? Map.of() : template.getMetadata().getAnnotations();
    return new Workload(kind, meta.getNamespace(), meta.getName(),
        "true".equalsIgnoreCase(String.valueOf(annotations.get(SecretgateKeys.ANNOTATION_RESTART_ON_CHANGE)).strip()),
        SecretConsumers.secretNames(template), Optional.ofNullable(templateAnnotations.get(SecretgateKeys.ANNOTATION_SECRET_HASH)));
  }
}
