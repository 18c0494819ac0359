package io.secretgate.admission;

import io.secretgate.threads.DaemonThreads;
import io.secretgate.validation.PolicyUnavailableException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a Vault ask that must be over sooner than its own timeouts would end it (a webhook whose
 * {@code timeoutSeconds} is shorter than an ask may take): on a daemon thread, waited for at most
 * the time given. An ask not over by then goes on in the background, so its answer still fills the
 * policy cache and a Vault that never answers is still held back, while the request is answered in
 * time. At most {@value #MAX_IN_FLIGHT} asks run this way at once; beyond that a request is told
 * Vault was not asked rather than made to wait.
 */
final class BoundedAsks {
  static final int MAX_IN_FLIGHT = 16;
  private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_IN_FLIGHT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
      DaemonThreads.numbered("webhook-vault-ask"));

  /**
   * What {@code ask} returns, if it does within {@code budget}.
   *
   * @throws PolicyUnavailableException when it does not (the reason names {@code budget} and the
   *     request's {@code timeout}), when too many asks are in flight, or when {@code ask} throws it
   */
  <T> T within(Duration budget, Duration timeout, Supplier<T> ask) {
    Future<T> answer;
    try {
      answer = pool.submit(ask::get);
    } catch (RejectedExecutionException e) {
      throw new PolicyUnavailableException("Vault not asked: " + MAX_IN_FLIGHT + " asks were already waiting for it within short request timeouts");
    }
    try {
      return answer.get(budget.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new PolicyUnavailableException("Vault gave no answer in time: the request's " + UncheckedPaths.seconds(timeout) + " timeout left "
          + tenths(budget) + " for asking it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PolicyUnavailableException("interrupted while waiting for Vault");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /** {@code d} in seconds to the tenth, rounded down: {@code 1.4s}. */
  static String tenths(Duration d) {
    long tenths = Math.max(0, d.toMillis() / 100);
    return tenths / 10 + "." + tenths % 10 + "s";
  }
}
