package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.StoreKind;
import io.secretgate.kube.TokenReadException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a Vault store's token from its {@code auth.tokenSecretRef}: with one GET per call for the
 * controller (no informer over Secrets: caching every Secret in the cluster is ESO's known memory
 * problem), so a rotated token is seen on the next call; from a name-selected informer for the
 * webhook ({@link WatchedObjects}), so a request makes no API call. Whitespace around the token (typically the trailing newline of
 * {@code echo token > file; kubectl create secret --from-file}) is removed; ESO passes it on and Vault's
 * client then refuses the token.
 */
public final class TokenReader {
  private final NamedObjects objects;

  /** One GET per call. */
  public TokenReader(KubernetesClient client) {
    this(NamedObjects.direct(client));
  }

  /** Token Secrets read from {@code objects} (the webhook's are watched: {@link WatchedObjects}). */
  public TokenReader(NamedObjects objects) {
    this.objects = objects;
  }

  /**
   * The token for a store of {@code storeKind}.
   *
   * @param storeNamespace the SecretStore's namespace (unused for a ClusterSecretStore)
   * @param ref the store's {@code auth.tokenSecretRef}
   * @param externalSecretNamespace the namespace of the ExternalSecret being synced: ESO's referent
   *     rule resolves a ClusterSecretStore ref without namespace there
   */
  public String read(StoreKind storeKind, String storeNamespace, SecretKeySelector ref, String externalSecretNamespace) {
    String namespace = namespace(storeKind, storeNamespace, ref, externalSecretNamespace);
    if (ref.name == null || ref.name.isEmpty() || ref.key == null || ref.key.isEmpty()) {
      throw new TokenReadException(Kind.INCOMPLETE_REF, namespace, ref.name, ref.key, 0);
    }
    Secret secret;
    try {
      secret = objects.secret(namespace, ref.name);
    } catch (KubernetesClientException e) {
      Kind kind = e.getCode() == 401 || e.getCode() == 403 ? Kind.FORBIDDEN : Kind.UNAVAILABLE;
      throw new TokenReadException(kind, namespace, ref.name, ref.key, e.getCode());
    }
    if (secret == null) throw new TokenReadException(Kind.SECRET_MISSING, namespace, ref.name, ref.key, 404);
    String encoded = secret.getData() == null ? null : secret.getData().get(ref.key);
    if (encoded == null) throw new TokenReadException(Kind.KEY_MISSING, namespace, ref.name, ref.key, 0);
    String token = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) throw new TokenReadException(Kind.EMPTY, namespace, ref.name, ref.key, 0);
    return token;
  }

  /**
   * Where the token Secret lives: a SecretStore's own namespace; for a ClusterSecretStore the ref's
   * namespace, or (referent auth) the ExternalSecret's.
   */
  public static String namespace(StoreKind storeKind, String storeNamespace, SecretKeySelector ref, String externalSecretNamespace) {
    if (storeKind == StoreKind.ClusterSecretStore) {
      return ref.namespace == null || ref.namespace.isEmpty() ? externalSecretNamespace : ref.namespace;
    }
    return storeNamespace;
  }
}
