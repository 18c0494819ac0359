package io.secretgate.sync;

/**
 * The global rate limit on retries (client-go's bucket limiter: {@code qps} tokens a second, up to
 * {@code burst} saved): a failed key waits for the longer of its own backoff and its turn here, so a
 * wave of failures cannot flood Vault or the API server. First syncs and refreshes are not limited.
 */
public final class TokenBucket {
  private final double qps;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double qps, int burst) {
    this.qps = qps;
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.lastNanos = System.nanoTime();
  }

  /** Takes one token and says how long its holder must wait for it (zero while tokens are saved). */
  public synchronized java.time.Duration reserve() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
    lastNanos = now;
    tokens -= 1;
    return tokens >= 0 ? java.time.Duration.ZERO : java.time.Duration.ofNanos((long) (-tokens / qps * 1e9));
  }
}
