package io.secretgate.validation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: what the token of a store may do on Vault paths (policy files offline, Vault online). */
public interface PolicyOracle {
  /**
   * The capabilities (as {@code sys/capabilities-self} lists them) of {@code store}'s token on each
   * path, or empty when nothing is known about that store's token (the paths are then not checked).
   *
   * @throws PolicyUnavailableException when the answer should exist but cannot be had
   */
  Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths);

  /**
   * As {@link #capabilities(Store, List)}, for an ExternalSecret in {@code namespace}: where the token
   * depends on it (ESO's referent auth, a ClusterSecretStore whose token ref names no namespace, is
   * the ExternalSecret's namespace's token), an oracle that reads tokens overrides this.
   */
  default Optional<Map<String, List<String>>> capabilities(Store store, String namespace, List<String> paths) {
    return capabilities(store, paths);
  }

  /**
   * Why Vault may still refuse {@code use}, a request its capabilities allow (sending
   * {@link VaultPathUse#parameters()}, never response-wrapped), where the oracle can tell (policy
   * files can, {@code sys/capabilities-self} cannot): a wrapping TTL, or required parameters the
   * request does not send, on the rule that applies (vault-facts §1.3, §2).
   */
  default Optional<String> condition(Store store, VaultPathUse use) {
    return Optional.empty();
  }

  /**
   * The pattern of a deny block on exactly {@code use}'s path, where the oracle can tell (policy
   * files can, {@code sys/capabilities-self} cannot): Vault merges blocks of one path keeping the
   * deny, so adding a block on that path cannot grant the use (vault-facts §1.2).
   */
  default Optional<String> exactDeny(Store store, VaultPathUse use) {
    return Optional.empty();
  }

  /**
   * The warning for the paths of {@code store} when {@link #capabilities} knows nothing about its
   * token: why, and what would let them be checked. By default the CLI's flags for policies.
   */
  default String unknownPolicyWarning(Store store) {
    return "no Vault policy is known for " + store.displayName() + ": its paths were resolved but not checked"
        + " (give --policy or --store-policy, or --vault-addr)";
  }

  /**
   * The longest one {@link #capabilities} call may take (its timeouts), so that a caller with a
   * deadline asks only while the answer can still come in time; zero for answers from memory.
   */
  default Duration longestAsk() {
    return Duration.ZERO;
  }

  /** An oracle that knows nothing: paths are resolved but not checked. */
  static PolicyOracle none() {
    return (store, paths) -> Optional.empty();
  }
}
