package io.secretgate.server;

import io.secretgate.admission.ValidatingAdmission;
import java.time.Duration;

/**
 * The {@code ?timeout=} kube-apiserver adds to every webhook call: what is left of its deadline,
 * rounded up to whole seconds ({@code 5s}, webhook-facts.md §1.1).
 */
final class RequestTimeout {
  /** kube-apiserver's timeout when the webhook configuration sets none (v1). */
  static final Duration DEFAULT = ValidatingAdmission.DEFAULT_TIMEOUT;
  /** The longest timeoutSeconds a webhook configuration may set. */
  private static final long MAX_SECONDS = 30;

  private RequestTimeout() {}

  /**
   * The timeout {@code query} names; {@link #DEFAULT} when it is absent or not whole seconds
   * between 1 and 30 (a request we cannot read the deadline of is not refused for it).
   */
  static Duration of(String query) {
    if (query == null || query.length() < 2 || query.length() > 3 || !query.endsWith("s")) return DEFAULT;
    long seconds = 0;
    for (int i = 0; i < query.length() - 1; i++) {
      char c = query.charAt(i);
      if (c < '0' || c > '9') return DEFAULT;
      seconds = seconds * 10 + (c - '0');
    }
    return seconds >= 1 && seconds <= MAX_SECONDS ? Duration.ofSeconds(seconds) : DEFAULT;
  }
}
