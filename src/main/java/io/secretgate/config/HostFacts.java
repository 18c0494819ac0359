package io.secretgate.config;

import java.util.Optional;

/**
 * What the host tells about the pod, beyond environment variables: the namespace from the service
 * account's namespace file and the host name. The composition root reads them; tests make them up.
 */
public record HostFacts(Optional<String> serviceAccountNamespace, Optional<String> hostname) {

  /** Nothing known (outside a pod, or in tests). */
  public static HostFacts none() {
    return new HostFacts(Optional.empty(), Optional.empty());
  }
}
