package io.secretgate.sync;

import io.secretgate.api.VaultProvider;
import io.secretgate.kube.CaReadException;
import io.secretgate.kube.CaReader;
import io.secretgate.kube.ClientCertificateReader;
import io.secretgate.kube.TokenReader;
import io.secretgate.validation.Store;
import io.secretgate.vault.ClientCertificate;
import io.secretgate.vault.DriverVaultGateway;
import io.secretgate.vault.GatewayKvApi;
import io.secretgate.vault.InvalidCaBundleException;
import io.secretgate.vault.InvalidConnectionException;
import io.secretgate.vault.KvApi;
import io.secretgate.vault.VaultConnection;
import io.secretgate.vault.VaultGateway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One Vault gateway per store and token namespace, kept across syncs; the token is read from its
 * Secret once per sync round (see {@link ReadCache}), and at once again when its Secret changed
 * ({@link #forgetTokens}) or a sync asks for fresh reads; reads go through the shared
 * {@link ReadCache} keyed by server, Vault namespace, headers and a digest of the token. The CA of a
 * {@code caProvider} is read the same way, once per round ({@link RoundReads}); when it changed, or
 * the store's spec now names another server or Vault namespace, the store gets a new gateway (TLS
 * context) at once. As in ESO, an inline {@code caBundle} wins over {@code caProvider}, and the
 * store's {@code headers} go with every request. The client certificate of its {@code tls} Secrets is
 * read the same way, once per round, and a changed one gets the store a new TLS context.
 */
public final class VaultConnections {
  private final TokenReader tokens;
  private final ReadCache reads;
  private final Duration timeout;
  private final CaReader cas;
  private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();
  private final Map<String, String> currentTokens = new ConcurrentHashMap<>();
  private final ClientCertificateReader clientCertificates;
  private final RoundReads<String> roundTokens;
  private final RoundReads<String> roundCas;
  private final RoundReads<Optional<ClientCertificate>> roundClientCertificates;

  private final SyncMetrics metrics;

  /** {@code cas} reads the CA of a store's {@code caProvider}, {@code clientCertificates} its {@code tls} client certificate. */
  public VaultConnections(TokenReader tokens, CaReader cas, ClientCertificateReader clientCertificates, ReadCache reads, Duration timeout,
      SyncMetrics metrics) {
    this.cas = cas;
    this.clientCertificates = clientCertificates;
    this.metrics = metrics;
    this.tokens = tokens;
    this.reads = reads;
    this.timeout = timeout;
    this.roundTokens = new RoundReads<>(reads::round);
    this.roundCas = new RoundReads<>(reads::round);
    this.roundClientCertificates = new RoundReads<>(reads::round);
  }

  /**
   * A Vault session for one sync of an ExternalSecret in {@code esNamespace} through {@code store}.
   *
   * @throws InvalidConnectionException when the store's server or {@code caBundle} cannot make a client
   */
  public Session open(Store store, String esNamespace, boolean freshReads) {
    VaultProvider vault = store.spec().provider.vault;
    String tokenNamespace = TokenReader.namespace(store.kind(), store.namespace(), vault.auth.tokenSecretRef, esNamespace);
    String token = token(store, esNamespace, tokenNamespace, freshReads);
    String gatewayKey = gatewayKeyPrefix(store) + tokenNamespace;
    Optional<String> ca = ca(store, freshReads);
    Optional<ClientCertificate> clientCertificate = clientCertificate(store, esNamespace, freshReads);
    // what Vault is asked and how it answers: server, Vault namespace and the headers (an X-Vault-Namespace or a gateway's may be among them)
    String where = vault.server + "|" + Optional.ofNullable(vault.namespace).orElse("") + "|" + digest(vault.requestHeaders().toString());
    String settings = where + "|" + ca.map(VaultConnections::digest).orElse("") + "|" + clientCertificate.map(ClientCertificate::fingerprint).orElse("");
    Gateway known = gateways.get(gatewayKey);
    VaultGateway gateway = known != null && known.settings().equals(settings) ? known.gateway()
        : gateways.compute(gatewayKey, (k, old) -> old != null && old.settings().equals(settings) ? old
            : new Gateway(settings, new MeteredGateway(gateway(store, connection(vault, ca, clientCertificate, gatewayKey)), metrics))).gateway();
    String connection = where + "|" + digest(token);
    currentTokens.put(gatewayKey, token);
    return new Session(gateway, reads.around(connection, new GatewayKvApi(gateway), freshReads));
  }

  /**
   * A digest of the token last used for {@code store} with ExternalSecrets of {@code esNamespace}
   * (empty text before the first use); tells tokens apart without keeping them anywhere else.
   */
  public String tokenDigest(Store store, String esNamespace) {
    String tokenNamespace = TokenReader.namespace(store.kind(), store.namespace(), store.spec().provider.vault.auth.tokenSecretRef, esNamespace);
    String token = currentTokens.get(store.kind() + "/" + store.namespace() + "/" + store.name() + "@" + tokenNamespace);
    return token == null ? "" : digest(token);
  }

  /** Drop shared Vault answers older than one round (called periodically). */
  public void expireReads() {
    reads.expire();
  }

  /** The controller ran out of work: shared reads and tokens are read again from the next sync on. */
  public void endRound() {
    reads.endRound();
  }

  /** A token Secret changed: every token is read again at its next use, whatever the round. */
  public void forgetTokens() {
    roundTokens.forget();
  }

  /** The store's token, read from its Secret at most once per round (failures are not kept). */
  private String token(Store store, String esNamespace, String tokenNamespace, boolean fresh) {
    var ref = store.spec().provider.vault.auth.tokenSecretRef;
    return roundTokens.get(tokenNamespace + "/" + ref.name + "#" + ref.key, fresh, () -> tokens.read(store.kind(), store.namespace(), ref, esNamespace));
  }

  /** How many gateways are kept (one per store and token namespace). */
  int gatewayCount() {
    return gateways.size();
  }

  /** Forget the gateway of a store that changed or went away. */
  public void forget(Store store) {
    String prefix = gatewayKeyPrefix(store);
    gateways.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** The start of the keys of {@code store}'s gateways, one per token namespace: {@code kind/namespace/name@}. */
  private static String gatewayKeyPrefix(Store store) {
    return store.kind() + "/" + store.namespace() + "/" + store.name() + "@";
  }

  /** A store's gateway and what it was made for: server, Vault namespace and digests of the CA, the headers and the client certificate. */
  private record Gateway(String settings, VaultGateway gateway) {}

  /**
   * The CA text the store trusts: its {@code caBundle}, else its {@code caProvider}'s Secret or
   * ConfigMap key (read at most once per round), else none (the JVM's trust store).
   *
   * @throws CaReadException when the caProvider cannot be read
   */
  private Optional<String> ca(Store store, boolean fresh) {
    return CaReader.chosen(store.spec().provider.vault, from -> roundCas.get(
        store.kind() + "/" + store.namespace() + ":" + from.type + "/" + from.namespace + "/" + from.name + "#" + from.key, fresh,
        () -> cas.read(store.kind(), store.namespace(), from)));
  }

  /**
   * The client certificate the store presents, read from its {@code tls} Secrets at most once per
   * round (where its token would be read); empty when it names none.
   *
   * @throws CaReadException when the Secrets cannot be read or do not hold a usable certificate and key
   */
  private Optional<ClientCertificate> clientCertificate(Store store, String esNamespace, boolean fresh) {
    VaultProvider vault = store.spec().provider.vault;
    if (vault.tls == null) return Optional.empty();
    String where = Stream.of("certSecretRef", "keySecretRef").map(f -> vault.tlsSecretRef(f, ""))
        .map(ref -> ref == null ? "" : TokenReader.namespace(store.kind(), store.namespace(), ref, esNamespace) + "/" + ref.name + "#" + ref.key)
        .toList().toString();
    return roundClientCertificates.get(store.kind() + "/" + store.namespace() + "/" + store.name() + "@" + where, fresh,
        () -> clientCertificates.read(store.kind(), store.namespace(), vault, esNamespace));
  }

  private static VaultGateway gateway(Store store, VaultConnection connection) {
    try {
      return new DriverVaultGateway(connection);
    } catch (InvalidCaBundleException e) {
      VaultProvider vault = store.spec().provider.vault;
      if (vault.caBundle != null && !vault.caBundle.isEmpty()) throw e;
      throw CaReadException.unusable(vault.caProvider.type + " " + vault.caProvider.name + " key \"" + vault.caProvider.key + "\"", e.getMessage());
    }
  }

  /** The gateway and the (shared-read) KV view of one store for one sync. */
  public record Session(VaultGateway gateway, KvApi kv) {}

  private VaultConnection connection(VaultProvider vault, Optional<String> ca, Optional<ClientCertificate> clientCertificate, String key) {
    return new VaultConnection(VaultConnection.serverUri(vault.server), vault.namespace, ca, () -> currentTokens.getOrDefault(key, ""), timeout,
        vault.requestHeaders(), clientCertificate);
  }

  static String digest(String token) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
