package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.PATH_NOT_PERMITTED;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Asks the policy oracle once per store for all its paths, and refuses every path not granted. */
final class PolicyCheck {
  private PolicyCheck() {}

  /** {@code namespace}: the ExternalSecret's (for a ClusterSecretStore with referent auth). */
  static void check(Map<Store, List<VaultPathUse>> usesByStore, String namespace, PolicyOracle oracle, List<Violation> violations,
      Set<String> warnings) {
    for (Map.Entry<Store, List<VaultPathUse>> e : usesByStore.entrySet()) {
      Store store = e.getKey();
      Set<String> distinct = new LinkedHashSet<>();
      for (VaultPathUse use : e.getValue()) distinct.add(use.path());
      List<String> paths = List.copyOf(distinct);
      Optional<Map<String, List<String>>> answer = oracle.capabilities(store, namespace, paths);
      if (answer.isEmpty()) {
        warnings.add(oracle.unknownPolicyWarning(store));
        continue;
      }
      for (VaultPathUse use : e.getValue()) {
        List<String> granted = answer.get().getOrDefault(use.path(), List.of("deny"));
        if (granted.contains(use.capability()) || granted.contains("root")) {
          oracle.condition(store, use).ifPresent(why -> warnings.add(use.field() + ": " + why));
          continue;
        }
        violations.add(new Violation(use.field(), PATH_NOT_PERMITTED, message(store, use, granted, oracle.exactDeny(store, use))));
      }
    }
  }

  /**
   * What is lacking, and a policy block that would allow it; or, where a deny block on that exact
   * path ({@code exactDeny}) would swallow such a block, that deny.
   */
  static String message(Store store, VaultPathUse use, List<String> granted, Optional<String> exactDeny) {
    String lacks = "the token of " + store.displayName() + " lacks \"" + use.capability() + "\" on Vault path \"" + use.path()
        + "\" (its policies grant " + granted + "); ";
    return lacks + exactDeny.map(pattern -> "its policies deny it explicitly with a block on that exact path, path \"" + pattern
        + "\", and Vault keeps a deny when it merges the blocks of one path: remove that deny to allow it")
        .orElse("a policy block that allows it: path \"" + use.path() + "\" { capabilities = [\"" + use.capability() + "\"] }");
  }

  /** Groups uses by store, keeping first-use order. */
  static Map<Store, List<VaultPathUse>> group(List<Map.Entry<Store, VaultPathUse>> uses) {
    Map<Store, List<VaultPathUse>> out = new LinkedHashMap<>();
    for (Map.Entry<Store, VaultPathUse> u : uses) out.computeIfAbsent(u.getKey(), k -> new ArrayList<>()).add(u.getValue());
    return out;
  }
}
