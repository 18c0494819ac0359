package io.secretgate.validation;

import io.secretgate.api.StoreKind;
import io.secretgate.vault.policy.Acl;
import io.secretgate.vault.policy.Capability;
import io.secretgate.vault.policy.EnterpriseGate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers from Vault policy files, offline: {@code defaultAcl} for every store (from
 * {@code --policy}), overridden per store (from {@code --store-policy}). A store key is a store
 * name, {@code ClusterSecretStore/NAME}, {@code SecretStore/NAME} or {@code SecretStore/NS/NAME}.
 */
public final class AclPolicyOracle implements PolicyOracle {
  private final Optional<Acl> defaultAcl;
  private final Map<String, Acl> perStore;
  private final Set<String> used = ConcurrentHashMap.newKeySet();

  public AclPolicyOracle(Optional<Acl> defaultAcl, Map<String, Acl> perStore) {
    this.defaultAcl = defaultAcl;
    this.perStore = Map.copyOf(perStore);
  }

  /** The per-store keys no store asked about so far (a typo, or a store none of the documents use), sorted. */
  public List<String> unusedStoreKeys() {
    return perStore.keySet().stream().filter(k -> !used.contains(k)).sorted().toList();
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
    Optional<Acl> acl = acl(store);
    if (acl.isEmpty()) return Optional.empty();
    Map<String, List<String>> answer = new LinkedHashMap<>();
    for (String p : paths) answer.put(p, acl.get().capabilities(p));
    return Optional.of(answer);
  }

  @Override
  public Optional<String> condition(Store store, VaultPathUse use) {
    Optional<Acl> acl = acl(store);
    Optional<Capability> capability = Capability.fromWireName(use.capability());
    if (acl.isEmpty() || capability.isEmpty()) return Optional.empty();
    String granted = "\"" + use.capability() + "\" on Vault path \"" + use.path() + "\" is granted only ";
    String plain = "the controller's plain " + use.capability();
    String token = " (token of " + store.displayName() + ")";
    if (!acl.get().allows(capability.get(), use.path(), use.parameters())) {
      return Optional.of(granted + "with response wrapping or required parameters, so Vault refuses " + plain + token);
    }
    Set<EnterpriseGate> gates = acl.get().enterpriseGates(capability.get(), use.path());
    if (gates.contains(EnterpriseGate.MFA)) {
      return Optional.of(granted + "with MFA (Vault Enterprise), so Vault refuses " + plain + token);
    }
    if (gates.contains(EnterpriseGate.CONTROL_GROUP)) {
      return Optional.of(granted + "after a control group approval (Vault Enterprise), so Vault answers " + plain
          + " with a wrapping token, not the secret" + token);
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> exactDeny(Store store, VaultPathUse use) {
    return acl(store).flatMap(acl -> acl.exactDeny(use.path()));
  }

  private Optional<Acl> acl(Store store) {
    return forStore(store).or(() -> defaultAcl);
  }

  private Optional<Acl> forStore(Store store) {
    String kind = store.kind().name();
    List<String> keys = store.kind() == StoreKind.ClusterSecretStore
        ? List.of(kind + "/" + store.name(), store.name())
        : List.of(kind + "/" + store.namespace() + "/" + store.name(), kind + "/" + store.name(), store.name());
    Optional<String> key = keys.stream().filter(perStore::containsKey).findFirst();
    key.ifPresent(used::add);
    return key.map(perStore::get);
  }
}
