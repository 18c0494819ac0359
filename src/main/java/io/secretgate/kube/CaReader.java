package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.secretgate.api.CaProvider;
import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultProvider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the CA certificates named by a Vault store's {@code caProvider} from a Secret or a
 * ConfigMap, as {@link TokenReader} reads a token: one GET per call (no informer over Secrets or
 * ConfigMaps, and a changed CA is seen on the next call), or for the webhook from a name-selected
 * informer. ESO's namespace rule: a SecretStore's
 * caProvider lives in the store's own namespace; a ClusterSecretStore's must name one.
 */
public final class CaReader {
  private final NamedObjects objects;

  /** One GET per call. */
  public CaReader(KubernetesClient client) {
    this(NamedObjects.direct(client));
  }

  /** CA objects read from {@code objects} (the webhook's are watched: {@link WatchedObjects}). */
  public CaReader(NamedObjects objects) {
    this.objects = objects;
  }

  /**
   * The CA a Vault store trusts, as ESO chooses it: a non-empty inline {@code caBundle} wins; else
   * its {@code caProvider}, read with {@code provided}; else none, the JVM's trust store (an empty
   * {@code caBundle} is none).
   */
  public static Optional<String> chosen(VaultProvider vault, Function<CaProvider, String> provided) {
    if (vault.caBundle != null && !vault.caBundle.isEmpty()) return Optional.of(vault.caBundle);
    return vault.caProvider == null ? Optional.empty() : Optional.of(provided.apply(vault.caProvider));
  }

  /** The PEM text (as stored; {@code CaBundle} also reads it base64-encoded). */
  public String read(StoreKind storeKind, String storeNamespace, CaProvider ca) {
    String namespace = storeKind == StoreKind.ClusterSecretStore ? ca.namespace : storeNamespace;
    if (namespace == null || namespace.isEmpty()) {
      throw new CaReadException("missing namespace on caProvider " + ca.type + " \"" + ca.name + "\" (a ClusterSecretStore must name it)", true);
    }
    if (ca.key == null || ca.key.isEmpty()) {
      throw new CaReadException("caProvider " + ca.type + " " + namespace + "/" + ca.name + ": no key given", true);
    }
    String source = ca.type + " " + namespace + "/" + ca.name;
    String value;
    if (ca.type == CaProvider.Type.ConfigMap) {
      ConfigMap map = get("caProvider " + source, () -> objects.configMap(namespace, ca.name));
      if (map == null) throw missing("caProvider " + source);
      value = text(map.getData(), ca.key, false);
      if (value == null) value = text(map.getBinaryData(), ca.key, true);
    } else {
      return secretKey(objects, "caProvider " + source, namespace, ca.name, ca.key);
    }
    if (value == null || value.isBlank()) throw new CaReadException("caProvider " + source + " has no key \"" + ca.key + "\" (or it is empty)", false);
    return value;
  }

  /**
   * The text of key {@code key} of Secret {@code namespace/name}; {@code what} names the
   * Secret in every failure ("caProvider Secret ns/name", "tls.certSecretRef: Secret ns/name").
   */
  static String secretKey(NamedObjects objects, String what, String namespace, String name, String key) {
    Secret secret = get(what, () -> objects.secret(namespace, name));
    if (secret == null) throw missing(what);
    String value = text(secret.getData(), key, true);
    if (value == null || value.isBlank()) throw new CaReadException(what + " has no key \"" + key + "\" (or it is empty)", false);
    return value;
  }

  private static <T> T get(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      String why = e.getCode() == 401 || e.getCode() == 403 ? "may not be read" : "could not be read";
      throw new CaReadException(what + " " + why + " (" + (e.getCode() > 0 ? "HTTP " + e.getCode() : "no HTTP answer") + ")", false);
    }
  }

  private static CaReadException missing(String what) {
    return new CaReadException(what + " not found", false);
  }

  private static String text(Map<String, String> data, String key, boolean base64) {
    String v = data == null ? null : data.get(key);
    if (v == null || !base64) return v;
    try {
      return new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
