package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultProvider;
import io.secretgate.vault.ClientCertificate;
import io.secretgate.vault.InvalidConnectionException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the client certificate a Vault store presents (ESO's {@code tls.certSecretRef} and
 * {@code tls.keySecretRef}, keys {@code tls.crt}/{@code tls.key} by default) with one GET per
 * Secret, as {@link CaReader} reads a CA. The Secrets are found as the token Secret is: a
 * SecretStore's own namespace; a ClusterSecretStore's ref namespace, else the ExternalSecret's.
 * Failures are {@link CaReadException}s naming the ref and the Secret, never the key.
 */
public final class ClientCertificateReader {
  private final KubernetesClient client;

  public ClientCertificateReader(KubernetesClient client) {
    this.client = client;
  }

  /** The store's client certificate; empty when it names none. */
  public Optional<ClientCertificate> read(StoreKind storeKind, String storeNamespace, VaultProvider vault, String externalSecretNamespace) {
    SecretKeySelector cert = vault.tlsSecretRef("certSecretRef", VaultProvider.CLIENT_CERT_KEY);
    SecretKeySelector key = vault.tlsSecretRef("keySecretRef", VaultProvider.CLIENT_KEY_KEY);
    if (cert == null && key == null) return Optional.empty();
    if (cert == null || key == null) {
      throw new CaReadException("tls.certSecretRef and tls.keySecretRef must be set together", true);
    }
    String certSource = source(storeKind, storeNamespace, cert, externalSecretNamespace, "certSecretRef");
    String keySource = source(storeKind, storeNamespace, key, externalSecretNamespace, "keySecretRef");
    String certPem = value(storeKind, storeNamespace, cert, externalSecretNamespace, "certSecretRef");
    String keyPem = value(storeKind, storeNamespace, key, externalSecretNamespace, "keySecretRef");
    try {
      return Optional.of(ClientCertificate.of(certPem, certSource, keyPem, keySource));
    } catch (InvalidConnectionException e) {
      throw new CaReadException("tls: " + e.getMessage(), false);
    }
  }

  private static String source(StoreKind kind, String storeNamespace, SecretKeySelector ref, String esNamespace, String field) {
    return "tls." + field + " Secret " + TokenReader.namespace(kind, storeNamespace, ref, esNamespace) + "/" + ref.name + " key " + ref.key;
  }

  private String value(StoreKind kind, String storeNamespace, SecretKeySelector ref, String esNamespace, String field) {
    String where = "tls." + field;
    String namespace = TokenReader.namespace(kind, storeNamespace, ref, esNamespace);
    if (ref.name == null) throw new CaReadException(where + " names no Secret (name is missing)", true);
    if (namespace == null || namespace.isEmpty()) {
      throw new CaReadException(where + ": Secret \"" + ref.name + "\" names no namespace (a ClusterSecretStore checked on its own must name it)", true);
    }
    String secretName = namespace + "/" + ref.name;
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(ref.name).get();
    } catch (KubernetesClientException e) {
      String why = e.getCode() == 401 || e.getCode() == 403 ? "may not be read" : "could not be read";
      throw new CaReadException(where + ": Secret " + secretName + " " + why + " (" + (e.getCode() > 0 ? "HTTP " + e.getCode() : "no HTTP answer") + ")", false);
    }
    if (secret == null) throw new CaReadException(where + ": Secret " + secretName + " not found", false);
    String encoded = secret.getData() == null ? null : secret.getData().get(ref.key);
    String text;
    try {
      text = encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      text = null;
    }
    if (text == null || text.isBlank()) throw new CaReadException(where + ": Secret " + secretName + " has no key \"" + ref.key + "\" (or it is empty)", false);
    return text;
  }
}
