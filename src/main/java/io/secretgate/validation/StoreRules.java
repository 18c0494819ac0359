package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.INVALID_SPEC;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.secretgate.api.CaProvider;
import io.secretgate.api.ClusterSecretStoreCondition;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultAuth;
import io.secretgate.api.VaultProvider;
import io.secretgate.config.GoDuration;
import io.secretgate.secrets.GoRegexp;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What ESO refuses (webhook) or can never use (client construction) in a Vault store spec. */
final class StoreRules {
  private StoreRules() {}

  static void check(StoreKind kind, String namespace, SecretStoreSpec spec, List<Violation> out, Set<String> warnings) {
    Set<String> providers = spec.provider == null ? Set.of() : spec.provider.providerNames();
    if (providers.size() != 1) {
      out.add(new Violation("spec.provider", INVALID_SPEC, "exactly one provider must be set, found " + providers.size()
          + (providers.isEmpty() ? "" : " (" + String.join(", ", providers) + ")")));
    }
    checkRefreshInterval(spec, out);
    checkConditions(kind, spec.conditions, out, warnings);
    if (spec.provider != null && spec.provider.vault != null) checkVault(kind, namespace, spec.provider.vault, out);
  }

  private static void checkRefreshInterval(SecretStoreSpec spec, List<Violation> out) {
    if (spec.refreshInterval == null || spec.refreshInterval.getStrVal() == null) return;
    if (GoDuration.parse(spec.refreshInterval.getStrVal()).isEmpty()) {
      out.add(new Violation("spec.refreshInterval", INVALID_SPEC, "time: invalid duration \"" + spec.refreshInterval.getStrVal() + "\""));
    }
  }

  private static void checkConditions(StoreKind kind, List<ClusterSecretStoreCondition> conditions, List<Violation> out, Set<String> warnings) {
    if (conditions == null) return;
    if (kind == StoreKind.SecretStore && !conditions.isEmpty()) {
      warnings.add("spec.conditions is ignored on a SecretStore (it only applies to a ClusterSecretStore)");
    }
    for (int i = 0; i < conditions.size(); i++) {
      checkSelector("spec.conditions[" + i + "].namespaceSelector", conditions.get(i).namespaceSelector, out);
      List<String> regexes = conditions.get(i).namespaceRegexes == null ? List.of() : conditions.get(i).namespaceRegexes;
      for (int j = 0; j < regexes.size(); j++) {
        try {
          GoRegexp.compile(regexes.get(j));
        } catch (GoRegexp.InvalidRegexpException e) {
          out.add(new Violation("spec.conditions[" + i + "].namespaceRegexes[" + j + "]", INVALID_SPEC,
              "failed to compile regex \"" + regexes.get(j) + "\": " + e.getMessage()));
        }
      }
    }
  }

  private static void checkSelector(String field, LabelSelector selector, List<Violation> out) {
    List<LabelSelectorRequirement> expressions = selector == null || selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (int j = 0; j < expressions.size(); j++) {
      String where = field + ".matchExpressions[" + j + "]";
      LabelSelectors.problem(expressions.get(j)).ifPresent(why -> out.add(new Violation(where, INVALID_SPEC, why)));
    }
  }

  private static void checkVault(StoreKind kind, String namespace, VaultProvider vault, List<Violation> out) {
    if (vault.server == null || vault.server.isBlank()) {
      out.add(new Violation("spec.provider.vault.server", INVALID_SPEC, "Required value: the Vault address, e.g. https://vault.vault.svc:8200"));
    }
    if (vault.auth != null) checkAuth(kind, namespace, vault.auth, out);
    if (vault.caProvider != null) checkCaProvider(kind, namespace, vault.caProvider, out);
    if (vault.checkAndSet != null && Boolean.TRUE.equals(vault.checkAndSet.get("required")) && vault.effectiveVersion() == VaultProvider.KvVersion.v1) {
      out.add(new Violation("spec.provider.vault.checkAndSet", INVALID_SPEC, "checkAndSet is not supported with KV version v1"));
    }
    Map<String, Object> tls = vault.tls;
    if (tls != null && (tls.get("certSecretRef") == null) != (tls.get("keySecretRef") == null)) {
      out.add(new Violation("spec.provider.vault.tls", INVALID_SPEC, "tls.certSecretRef and tls.keySecretRef must be set together"));
    }
    SecretKeySelector cert = vault.tlsSecretRef("certSecretRef", VaultProvider.CLIENT_CERT_KEY);
    if (cert != null) checkOwnNamespace(kind, namespace, "spec.provider.vault.tls.certSecretRef", cert, out);
    SecretKeySelector key = vault.tlsSecretRef("keySecretRef", VaultProvider.CLIENT_KEY_KEY);
    if (key != null) checkOwnNamespace(kind, namespace, "spec.provider.vault.tls.keySecretRef", key, out);
  }

  private static void checkAuth(StoreKind kind, String namespace, VaultAuth auth, List<Violation> out) {
    if (auth.methodsPresent().isEmpty()) {
      out.add(new Violation("spec.provider.vault.auth", INVALID_SPEC, "no valid auth method specified"));
      return;
    }
    SecretKeySelector token = auth.tokenSecretRef;
    if (token == null) return;
    String field = "spec.provider.vault.auth.tokenSecretRef";
    if (token.name == null || token.name.isEmpty()) out.add(new Violation(field + ".name", INVALID_SPEC, "Required value: the Secret holding the Vault token"));
    if (token.key == null || token.key.isEmpty()) out.add(new Violation(field + ".key", INVALID_SPEC, "Required value: the key of the Vault token in that Secret"));
    checkOwnNamespace(kind, namespace, field, token, out);
  }

  /** ESO's rule for every Secret a store names: a SecretStore's may only be in its own namespace. */
  private static void checkOwnNamespace(StoreKind kind, String namespace, String field, SecretKeySelector ref, List<Violation> out) {
    if (kind == StoreKind.SecretStore && ref.namespace != null && !ref.namespace.isEmpty() && !ref.namespace.equals(namespace)) {
      out.add(new Violation(field + ".namespace", INVALID_SPEC, "namespace \"" + ref.namespace
          + "\" is not allowed: a SecretStore may only reference Secrets in its own namespace \"" + namespace + "\""));
    }
  }

  private static void checkCaProvider(StoreKind kind, String namespace, CaProvider ca, List<Violation> out) {
    String field = "spec.provider.vault.caProvider.namespace";
    if (kind == StoreKind.ClusterSecretStore && (ca.namespace == null || ca.namespace.isEmpty())) {
      out.add(new Violation(field, INVALID_SPEC, "missing namespace on caProvider secret"));
    }
    if (kind == StoreKind.SecretStore && ca.namespace != null && !ca.namespace.isEmpty() && !ca.namespace.equals(namespace)) {
      out.add(new Violation(field, INVALID_SPEC, "namespace \"" + ca.namespace
          + "\" is not allowed: a SecretStore may only reference objects in its own namespace \"" + namespace + "\""));
    }
  }
}
