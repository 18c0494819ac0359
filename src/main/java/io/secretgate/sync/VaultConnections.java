package io.secretgate.sync;

import io.secretgate.api.VaultProvider;
import io.secretgate.kube.TokenReader;
import io.secretgate.validation.Store;
import io.secretgate.vault.DriverVaultGateway;
import io.secretgate.vault.GatewayKvApi;
import io.secretgate.vault.KvApi;
import io.secretgate.vault.VaultConnection;
import io.secretgate.vault.VaultGateway;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Vault gateway per store and token namespace, kept across syncs; the token is read from its
 * Secret once per sync round (see {@link ReadCache}: a rotated token is used from the next round on,
 * and at once by a sync that asks for fresh reads), and reads go through the shared
 * {@link ReadCache} keyed by server, Vault namespace and a digest of the token.
 */
public final class VaultConnections {
  private final TokenReader tokens;
  private final ReadCache reads;
  private final Duration timeout;
  private final Map<String, VaultGateway> gateways = new ConcurrentHashMap<>();
  private final Map<String, String> currentTokens = new ConcurrentHashMap<>();
  private final Map<String, RoundToken> roundTokens = new ConcurrentHashMap<>();

  private final SyncMetrics metrics;

  public VaultConnections(TokenReader tokens, ReadCache reads, Duration timeout, SyncMetrics metrics) {
    this.metrics = metrics;
    this.tokens = tokens;
    this.reads = reads;
    this.timeout = timeout;
  }

  /** A Vault session for one sync of an ExternalSecret in {@code esNamespace} through {@code store}. */
  public Session open(Store store, String esNamespace, boolean freshReads) {
    VaultProvider vault = store.spec().provider.vault;
    String tokenNamespace = TokenReader.namespace(store.kind(), store.namespace(), vault.auth.tokenSecretRef, esNamespace);
    String token = token(store, esNamespace, tokenNamespace, freshReads);
    String gatewayKey = store.kind() + "/" + store.namespace() + "/" + store.name() + "@" + tokenNamespace;
    VaultGateway gateway = gateways.computeIfAbsent(gatewayKey, k -> new MeteredGateway(new DriverVaultGateway(connection(vault, store, tokenNamespace)), metrics));
    String connection = vault.server + "|" + Optional.ofNullable(vault.namespace).orElse("") + "|" + digest(token);
    currentTokens.put(gatewayKey, token);
    return new Session(gateway, reads.around(connection, new GatewayKvApi(gateway), freshReads));
  }

  /** Drop shared Vault answers older than one round (called periodically). */
  public void expireReads() {
    reads.expire();
  }

  /** The controller ran out of work: shared reads and tokens are read again from the next sync on. */
  public void endRound() {
    reads.endRound();
  }

  private record RoundToken(long round, String token) {}

  /** The store's token, read from its Secret at most once per round (failures are not kept). */
  private String token(Store store, String esNamespace, String tokenNamespace, boolean fresh) {
    var ref = store.spec().provider.vault.auth.tokenSecretRef;
    long round = reads.round();
    RoundToken got = roundTokens.compute(tokenNamespace + "/" + ref.name + "#" + ref.key, (k, known) -> !fresh && known != null && known.round() == round
        ? known : new RoundToken(round, tokens.read(store.kind(), store.namespace(), ref, esNamespace)));
    return got.token();
  }

  /** Forget the gateway of a store that changed or went away. */
  public void forget(Store store) {
    gateways.keySet().removeIf(k -> k.startsWith(store.kind() + "/" + store.namespace() + "/" + store.name() + "@"));
  }

  /** The gateway and the (shared-read) KV view of one store for one sync. */
  public record Session(VaultGateway gateway, KvApi kv) {}

  private VaultConnection connection(VaultProvider vault, Store store, String tokenNamespace) {
    String key = store.kind() + "/" + store.namespace() + "/" + store.name() + "@" + tokenNamespace;
    return new VaultConnection(URI.create(vault.server), vault.namespace, Optional.ofNullable(vault.caBundle),
        () -> currentTokens.getOrDefault(key, ""), timeout);
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
