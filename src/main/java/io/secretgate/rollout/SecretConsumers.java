package io.secretgate.rollout;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.secretgate.api.AnnotationLists;
import io.secretgate.api.SecretgateKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The names of the Secrets a pod template consumes, by every route: containers' and init
 * containers' {@code envFrom[].secretRef} and {@code env[].valueFrom.secretKeyRef}, {@code secret}
 * volumes, {@code projected} volume sources, and the {@code secretgate.io/inject-env-from}
 * annotation of the template (which the mutating webhook turns into envFrom at pod creation, and
 * which other reloaders cannot see). Ephemeral containers are not part of a template.
 */
public final class SecretConsumers {
  private SecretConsumers() {}

  public static SortedSet<String> secretNames(PodTemplateSpec template) {
    SortedSet<String> names = new TreeSet<>();
    if (template == null) return names;
    names.addAll(injected(template.getMetadata() == null ? null : template.getMetadata().getAnnotations()));
    PodSpec spec = template.getSpec();
    if (spec == null) return names;
    for (Container c : containers(spec)) {
      for (EnvFromSource from : orEmpty(c.getEnvFrom())) {
        if (from.getSecretRef() != null) add(names, from.getSecretRef().getName());
      }
      for (EnvVar env : orEmpty(c.getEnv())) {
        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) add(names, env.getValueFrom().getSecretKeyRef().getName());
      }
    }
    for (Volume v : orEmpty(spec.getVolumes())) {
      if (v.getSecret() != null) add(names, v.getSecret().getSecretName());
      if (v.getProjected() == null) continue;
      for (VolumeProjection p : orEmpty(v.getProjected().getSources())) {
        if (p.getSecret() != null) add(names, p.getSecret().getName());
      }
    }
    return names;
  }

  /** The Secret names of the injection annotation ({@code "a, b"}), read as the injector reads them. */
  static List<String> injected(Map<String, String> annotations) {
    return AnnotationLists.names(annotations == null ? null : annotations.get(SecretgateKeys.ANNOTATION_INJECT_ENV_FROM));
  }

  private static List<Container> containers(PodSpec spec) {
    List<Container> all = new ArrayList<>(orEmpty(spec.getInitContainers()));
    all.addAll(orEmpty(spec.getContainers()));
    return all;
  }

  private static void add(SortedSet<String> names, String name) {
    if (name != null && !name.isEmpty()) names.add(name);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
