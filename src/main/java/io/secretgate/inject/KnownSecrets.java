package io.secretgate.inject;

import io.secretgate.api.ExternalSecret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link SecretFacts} from a fixed set of ExternalSecrets and managed Secrets, e.g. read from
 * manifest files for {@code secretgate review}. Not thread-safe while being filled.
 */
public final class KnownSecrets implements SecretFacts {
  private final Map<String, List<String>> targeting = new HashMap<>();
  private final Set<String> managed = new HashSet<>();

  /** Records that ExternalSecret {@code externalSecret} in {@code namespace} targets Secret {@code target}. */
  public KnownSecrets externalSecret(String namespace, String externalSecret, String target) {
    targeting.computeIfAbsent(key(namespace, target), k -> new ArrayList<>()).add(externalSecret);
    return this;
  }

  /** Records that managed Secret {@code name} exists in {@code namespace}. */
  public KnownSecrets managedSecret(String namespace, String name) {
    managed.add(key(namespace, name));
    return this;
  }

  @Override
  public List<String> externalSecretsTargeting(String namespace, String secret) {
    return List.copyOf(targeting.getOrDefault(key(namespace, secret), List.of()));
  }

  @Override
  public boolean managedSecretExists(String namespace, String secret) {
    return managed.contains(key(namespace, secret));
  }

  /** The Secret an ExternalSecret writes: {@code spec.target.name}, defaulting to the ExternalSecret's name (ESO's rule). */
  public static String targetName(ExternalSecret es) {
    return targetName(es.getMetadata().getName(), es.getSpec() == null ? null : es.getSpec().effectiveTarget().name);
  }

  /** The same rule on the two names. */
  public static String targetName(String externalSecretName, String targetName) {
    return targetName == null || targetName.isEmpty() ? externalSecretName : targetName;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
