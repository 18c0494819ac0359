package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultProvider;
import io.secretgate.vault.ClientCertificate;
import io.secretgate.vault.InvalidConnectionException;
import java.util.Optional;

/**
 * Reads the client certificate a Vault store presents (ESO's {@code tls.certSecretRef} and
 * {@code tls.keySecretRef}, keys {@code tls.crt}/{@code tls.key} by default) as {@link CaReader}
 * reads a CA. The Secrets are found as the token Secret is: a
 * SecretStore's own namespace; a ClusterSecretStore's ref namespace, else the ExternalSecret's.
 * Failures are {@link CaReadException}s naming the ref and the Secret, never the key.
 */
public final class ClientCertificateReader {
  private final NamedObjects objects;

  /** One GET per Secret per call. */
  public ClientCertificateReader(KubernetesClient client) {
    this(NamedObjects.direct(client));
  }

  /** Certificate Secrets read from {@code objects} (the webhook's are watched: {@link WatchedObjects}). */
  public ClientCertificateReader(NamedObjects objects) {
    this.objects = objects;
  }

  /** The store's client certificate; empty when it names none. */
  public Optional<ClientCertificate> read(StoreKind storeKind, String storeNamespace, VaultProvider vault, String externalSecretNamespace) {
    SecretKeySelector cert = vault.tlsSecretRef("certSecretRef", VaultProvider.CLIENT_CERT_KEY);
    SecretKeySelector key = vault.tlsSecretRef("keySecretRef", VaultProvider.CLIENT_KEY_KEY);
    if (cert == null && key == null) return Optional.empty();
    if (cert == null || key == null) {
      throw new CaReadException("tls.certSecretRef and tls.keySecretRef must be set together", true);
    }
    Part certificate = part(storeKind, storeNamespace, cert, externalSecretNamespace, "certSecretRef");
    Part privateKey = part(storeKind, storeNamespace, key, externalSecretNamespace, "keySecretRef");
    try {
      return Optional.of(ClientCertificate.of(certificate.pem(), certificate.source(), privateKey.pem(), privateKey.source()));
    } catch (InvalidConnectionException e) {
      throw new CaReadException("tls: " + e.getMessage(), false);
    }
  }

  /** One half of the certificate: its PEM and where it was read, for messages. */
  private record Part(String source, String pem) {}

  private Part part(StoreKind kind, String storeNamespace, SecretKeySelector ref, String esNamespace, String field) {
    String where = "tls." + field;
    String namespace = TokenReader.namespace(kind, storeNamespace, ref, esNamespace);
    if (ref.name == null) throw new CaReadException(where + " names no Secret (name is missing)", true);
    if (namespace == null || namespace.isEmpty()) {
      throw new CaReadException(where + ": Secret \"" + ref.name + "\" names no namespace (a ClusterSecretStore checked on its own must name it)", true);
    }
    String pem = CaReader.secretKey(objects, where + ": Secret " + namespace + "/" + ref.name, namespace, ref.name, ref.key);
    return new Part(where + " Secret " + namespace + "/" + ref.name + " key " + ref.key, pem);
  }
}
