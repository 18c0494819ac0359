package io.secretgate.sync;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.kube.Events;
import io.secretgate.kube.TokenReader;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.validation.Store;
import io.secretgate.vault.TokenInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's Vault token that expires within {@code --token-expiry-warning}: the store stays Ready
 * (it works now, as ESO would say) and its Ready message says the token expires soon; a Warning
 * Event {@code TokenExpiring} is recorded on the store once per token, not at every check. A token
 * with {@code ttl: 0} never expires.
 */
public final class TokenExpiryWarnings {
  public static final String EVENT_REASON = "TokenExpiring";
  private static final Logger LOG = LoggerFactory.getLogger(TokenExpiryWarnings.class);
  private static final int MAX_REMEMBERED = 4096;

  private final Duration ahead;
  private final Events events;
  private final SyncMetrics metrics;
  private final Function<Store, ObjectReference> references;
  private final Map<String, Boolean> warned = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };

  /** {@code references}: the store as an object reference (with its uid) for the Event. */
  public TokenExpiryWarnings(Duration ahead, Events events, SyncMetrics metrics, Function<Store, ObjectReference> references) {
    this.ahead = ahead;
    this.events = events;
    this.metrics = metrics;
    this.references = references;
  }

  /** True when a token with {@code ttlSeconds} left (0: never expires) must be reported with {@code ahead}. */
  public static boolean expiresWithin(long ttlSeconds, Duration ahead) {
    return ttlSeconds > 0 && Duration.ofSeconds(ttlSeconds).compareTo(ahead) < 0;
  }

  /** The Ready message of a store whose token expires within {@code ahead}; the same text at every check. */
  public static String readyMessage(Duration ahead) {
    return "store validated; its Vault token expires within " + goText(ahead) + ": update the token Secret";
  }

  /**
   * The store's Ready message when its token expires soon (recording the Event the first time for this
   * token), else empty.
   *
   * @param tokenDigest identifies the token (a digest, never the token)
   */
  public Optional<String> check(Store store, TokenInfo token, String tokenDigest) {
    if (!expiresWithin(token.ttlSeconds(), ahead)) return Optional.empty();
    String key = store.kind() + "/" + store.namespace() + "/" + store.name() + "#" + tokenDigest;
    boolean first;
    synchronized (warned) {
      first = warned.put(key, Boolean.TRUE) == null;
    }
    if (first) {
      String message = eventMessage(store, token);
      LOG.warn("{}", message);
      metrics.tokenExpiryWarning();
      events.record(references.apply(store), SyncEvent.warning(EVENT_REASON, message));
    }
    return Optional.of(readyMessage(ahead));
  }

  private static String eventMessage(Store store, TokenInfo token) {
    SecretKeySelector ref = store.spec().provider.vault.auth.tokenSecretRef;
    String secret = TokenReader.namespace(store.kind(), store.namespace(), ref, store.namespace()) + "/" + ref.name;
    String when = token.expireTime().map(t -> " at " + t).orElse("");
    return "the Vault token of " + store.displayName() + " (Secret " + secret + ", key " + ref.key + ") expires" + when
        + ", in " + goText(Duration.ofSeconds(token.ttlSeconds())) + ": update the token Secret";
  }

  /** Go's rendering of a duration, whole seconds: {@code 24h0m0s}, {@code 5m0s}, {@code 42s}. */
  static String goText(Duration d) {
    long s = d.getSeconds();
    if (s < 60) return s + "s";
    if (s < 3600) return (s / 60) + "m" + (s % 60) + "s";
    return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
  }
}
