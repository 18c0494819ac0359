package io.secretgate.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;

/** The container's plain environment variables (valueFrom ones map to null). */
final class Env {
  private Env() {}

  static Map<String, String> of(Rendered r) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : r.container().getEnv()) {
      if (env.containsKey(e.getName())) throw new AssertionError("environment variable " + e.getName() + " set twice");
      env.put(e.getName(), e.getValueFrom() == null ? e.getValue() : null);
    }
    return env;
  }
}
