package io.secretgate.sync;

/**
 * A global rate limit on syncs (client-go's bucket: {@code qps} tokens a second, up to {@code burst}
 * saved), so a burst of changes or failures cannot flood Vault or the API server.
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

  /** Takes one token, waiting as long as needed. */
  public void acquire() throws InterruptedException {
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
      lastNanos = now;
      tokens -= 1;
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens / qps * 1e9);
    }
    if (waitNanos > 0) Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
  }
}
