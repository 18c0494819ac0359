package io.secretgate.sync;

import io.secretgate.secrets.json.JsonValue;
import io.secretgate.vault.KvApi;
import io.secretgate.vault.KvApiException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one sync learned about Vault's rate limit: whether any of its Vault calls was refused with
 * 429, and the longest {@code Retry-After} Vault sent. The pure core sees such a refusal as an
 * ordinary "provider unavailable" failure; this note carries the wait past it to the work queue.
 */
final class RateLimitNote {
  private boolean limited;
  private Duration retryAfter;

  /** {@code kv}, noting every 429 its calls end in (also one shared from another sync's call). */
  KvApi watching(KvApi kv) {
    return new KvApi() {
      @Override
      public Optional<JsonValue> read(String apiPath, String version) throws KvApiException {
        try {
          return kv.read(apiPath, version);
        } catch (KvApiException e) {
          saw(e);
          throw e;
        }
      }

      @Override
      public Optional<List<String>> list(String apiPathWithTrailingSlash) throws KvApiException {
        try {
          return kv.list(apiPathWithTrailingSlash);
        } catch (KvApiException e) {
          saw(e);
          throw e;
        }
      }
    };
  }

  synchronized void saw(KvApiException e) {
    if (!e.rateLimited()) return;
    limited = true;
    e.retryAfter().ifPresent(d -> retryAfter = retryAfter == null || d.compareTo(retryAfter) > 0 ? d : retryAfter);
  }

  synchronized boolean limited() {
    return limited;
  }

  synchronized Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
