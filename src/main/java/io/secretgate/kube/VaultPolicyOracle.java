package io.secretgate.kube;

import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.VaultProvider;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.validation.Store;
import io.secretgate.vault.ClientCertificate;
import io.secretgate.vault.InvalidCaBundleException;
import io.secretgate.vault.InvalidConnectionException;
import io.secretgate.vault.VaultConnection;
import io.secretgate.vault.VaultFailure;
import io.secretgate.vault.VaultGateway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a store's token may do, asked from Vault ({@code sys/capabilities-self}) with that token:
 * one call per request for all the paths not cached, answers cached per (token digest, path) for
 * a short TTL. The token is taken from its Secret on every request (the app reads it from a watched
 * copy, {@link WatchedObjects}), so a rotated token has a new digest and is asked again at once. The Vault CA is the store's inline {@code caBundle}, else its
 * {@code caProvider}'s Secret or ConfigMap, read the same way (so a webhook trusts the Vault the
 * controller trusts), and the store's {@code headers} and {@code tls} client certificate go with the
 * request as the controller sends them. A store without a token Secret (another auth method) is not checked; a
 * token, a CA or a Vault that cannot be had is a {@link PolicyUnavailableException}.
 *
 * <p>A Vault that gave no answer at all (a timeout, a refused connection, a failed TLS handshake) is
 * not asked again the same way (server, Vault namespace, CA, client certificate) for
 * {@link #UNANSWERED_HOLD}: requests in that time fail at once with the same reason (word for word,
 * so that the warnings of one request say it once) instead of each
 * holding a webhook thread for the whole timeout, which would starve the other webhook (Pods) during
 * a Vault outage. Answers that came back (403, 503 sealed...) are quick and are not held.
 */
public final class VaultPolicyOracle implements PolicyOracle {
  private static final int MAX_ENTRIES = 10_000;
  private static final int MAX_GATEWAYS = 256;
  /** How long a Vault that gave no answer is not asked again. */
  public static final Duration UNANSWERED_HOLD = Duration.ofSeconds(5);

  /** Reads a store's token: (store, tokenSecretRef, the ExternalSecret's namespace or null) → token. */
  @FunctionalInterface
  public interface Tokens {
    String read(Store store, SecretKeySelector ref, String namespace);
  }

  /** The CA text a store trusts (its caBundle or caProvider), empty for the JVM's trust store. */
  @FunctionalInterface
  public interface Cas {
    Optional<String> read(Store store, VaultProvider vault);
  }

  /** The client certificate a store presents to Vault (its {@code tls} Secrets), empty for none. */
  @FunctionalInterface
  public interface ClientCertificates {
    Optional<ClientCertificate> read(Store store, VaultProvider vault, String namespace);
  }

  private record Key(String digest, String path) {}

  private record Entry(List<String> capabilities, Instant expires) {}

  /** Why a Vault gave no answer, and until when it is not asked again. */
  private record Unanswered(String reason, Instant until) {}

  private final Tokens tokens;
  private final Cas cas;
  private final ClientCertificates clientCertificates;
  private final Function<VaultConnection, VaultGateway> gateways;
  private final Clock clock;
  private final Duration ttl;
  private final Duration timeout;
  private final Map<Key, Entry> cache = new ConcurrentHashMap<>();
  private final Map<String, VaultGateway> gatewayByToken = new ConcurrentHashMap<>();
  private final Map<String, Unanswered> unanswered = new ConcurrentHashMap<>();

  public VaultPolicyOracle(Tokens tokens, Cas cas, ClientCertificates clientCertificates, Function<VaultConnection, VaultGateway> gateways,
      Clock clock, Duration ttl, Duration timeout) {
    this.tokens = tokens;
    this.cas = cas;
    this.clientCertificates = clientCertificates;
    this.gateways = gateways;
    this.clock = clock;
    this.ttl = ttl;
    this.timeout = timeout;
  }

  /** One call's timeout: the Vault call for all the paths of a store is bounded by it. */
  @Override
  public Duration longestAsk() {
    return timeout;
  }

  /**
   * Tokens read with {@code reader}, where the controller reads them: a ClusterSecretStore's ref
   * without namespace (ESO's referent auth) in the ExternalSecret's namespace.
   */
  public static Tokens tokensFrom(TokenReader reader) {
    return (store, ref, namespace) -> {
      String ns = TokenReader.namespace(store.kind(), store.namespace(), ref, namespace);
      if (ns == null || ns.isBlank()) throw new PolicyUnavailableException("the token Secret of " + store.displayName() + " names no namespace");
      return reader.read(store.kind(), store.namespace(), ref, ns);
    };
  }

  /**
   * CAs as ESO takes them: a non-empty inline {@code caBundle} wins; else the {@code caProvider}
   * read with {@code reader} (so a changed CA is used at the next request); else none.
   */
  public static Cas casFrom(CaReader reader) {
    return (store, vault) -> {
      try {
        return CaReader.chosen(vault, from -> reader.read(store.kind(), store.namespace(), from));
      } catch (CaReadException e) {
        throw new PolicyUnavailableException("the Vault CA of " + store.displayName() + " cannot be read (" + e.getMessage() + ")");
      }
    };
  }

  /**
   * Client certificates read with {@code reader}, where the controller reads them (a
   * ClusterSecretStore's ref without namespace in the ExternalSecret's namespace).
   */
  public static ClientCertificates clientCertificatesFrom(ClientCertificateReader reader) {
    return (store, vault, namespace) -> {
      try {
        return reader.read(store.kind(), store.namespace(), vault, namespace);
      } catch (CaReadException e) {
        throw new PolicyUnavailableException("the Vault client certificate of " + store.displayName() + " cannot be had (" + e.getMessage() + ")");
      }
    };
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
    return capabilities(store, null, paths);
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, String namespace, List<String> paths) {
    VaultProvider vault = store.spec() == null || store.spec().provider == null ? null : store.spec().provider.vault;
    if (vault == null || vault.auth == null || vault.auth.tokenSecretRef == null) return Optional.empty();
    String token = token(store, vault.auth.tokenSecretRef, namespace);
    Optional<String> ca = cas.read(store, vault);
    Optional<ClientCertificate> client = vault.tls == null ? Optional.empty() : clientCertificates.read(store, vault, namespace);
    String digest = digest(vault, ca, client, token);
    Instant now = clock.instant();
    Map<String, List<String>> answer = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String path : paths) {
      Entry e = cache.get(new Key(digest, path));
      if (e != null && now.isBefore(e.expires())) answer.put(path, e.capabilities());
      else if (!missing.contains(path)) missing.add(path);
    }
    if (!missing.isEmpty()) ask(store, vault, ca, client, token, digest, missing, now).forEach(answer::put);
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    for (String path : paths) ordered.put(path, answer.getOrDefault(path, List.of("deny")));
    return Optional.of(ordered);
  }

  /** The only store it knows nothing about is one without a token to ask Vault with (another auth method). */
  @Override
  public String unknownPolicyWarning(Store store) {
    return "paths of " + store.displayName() + " not checked: it has no tokenSecretRef to ask Vault with";
  }

  private Map<String, List<String>> ask(Store store, VaultProvider vault, Optional<String> ca, Optional<ClientCertificate> client, String token,
      String digest, List<String> paths, Instant now) {
    // Held per way of reaching Vault: a store whose CA or client certificate does not fit fails its own
    // TLS handshake without an answer, which says nothing about a store of that Vault that trusts the right CA.
    String server = String.join("\u0000", vault.server, String.valueOf(vault.namespace), ca.orElse(""),
        client.map(ClientCertificate::fingerprint).orElse(""));
    Unanswered held = unanswered.get(server);
    if (held != null && now.isBefore(held.until())) {
      throw new PolicyUnavailableException(held.reason()); // the same words: one warning line for both
    }
    Map<String, List<String>> fresh;
    try {
      fresh = gateway(vault, ca, client, token, digest).capabilitiesSelf(paths);
      unanswered.remove(server);
    } catch (InvalidCaBundleException e) {
      throw new PolicyUnavailableException("the Vault CA of " + store.displayName() + " is not usable (" + e.getMessage() + ")");
    } catch (InvalidConnectionException e) {
      throw new PolicyUnavailableException("no Vault client can be made for " + store.displayName() + " (" + e.getMessage() + ")");
    } catch (VaultFailure e) {
      if (e.kind() == VaultFailure.Kind.UNAVAILABLE && e.status().isEmpty()) {
        if (unanswered.size() > MAX_GATEWAYS) unanswered.clear();
        unanswered.put(server, new Unanswered(e.getMessage(), clock.instant().plus(UNANSWERED_HOLD)));
      }
      throw new PolicyUnavailableException(e.getMessage());
    } catch (RuntimeException e) {
      throw new PolicyUnavailableException("cannot ask Vault for " + store.displayName() + " (" + e.getClass().getSimpleName() + ")");
    }
    if (cache.size() > MAX_ENTRIES) cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().expires()));
    Instant expires = now.plus(ttl);
    fresh.forEach((path, caps) -> cache.put(new Key(digest, path), new Entry(List.copyOf(caps), expires)));
    return fresh;
  }

  private String token(Store store, SecretKeySelector ref, String namespace) {
    try {
      return tokens.read(store, ref, namespace);
    } catch (TokenReadException e) {
      throw new PolicyUnavailableException("the token of " + store.displayName() + " cannot be read (" + e.getMessage() + ")");
    }
  }

  private VaultGateway gateway(VaultProvider vault, Optional<String> ca, Optional<ClientCertificate> client, String token, String digest) {
    if (gatewayByToken.size() > MAX_GATEWAYS) gatewayByToken.clear();
    return gatewayByToken.computeIfAbsent(digest, d -> gateways.apply(
        new VaultConnection(VaultConnection.serverUri(vault.server), vault.namespace, ca, () -> token, timeout, vault.requestHeaders(), client)));
  }

  /** Names the token and where it is used (server, Vault namespace, CA, headers, client certificate), without holding it. */
  static String digest(VaultProvider vault, Optional<String> ca, Optional<ClientCertificate> client, String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {vault.server, vault.namespace, ca.orElse(null), vault.requestHeaders().toString(),
          client.map(ClientCertificate::fingerprint).orElse(null), token}) {
        sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
