package io.secretgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.sync.Controller;
import io.secretgate.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link ControllerTerms}: a leader whose controller cannot start fails {@code /healthz} instead of leading without reconciling. */
class ControllerTermsTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  /** A controller whose start fails as {@code failure} says, counting the attempts. */
  static Controller failingToStart(AtomicInteger attempts, Supplier<? extends Throwable> failure) {
    return new Controller() {
      @Override
      public void start() {
        attempts.incrementAndGet();
        Throwable t = failure.get();
        if (t instanceof Error e) throw e;
        throw (RuntimeException) t;
      }

      @Override
      public void stop(Duration grace) {}

      @Override
      public boolean ready() {
        return true;
      }
    };
  }

  @Test
  void a_controller_that_throws_at_start_makes_the_leader_unhealthy_and_not_ready() {
    leadsWithAControllerThatFailsToStart(() -> new IllegalStateException("informer refused"));
  }

  @Test
  void a_controller_whose_start_dies_of_an_error_makes_the_leader_unhealthy_instead_of_leading_without_reconciling() {
    leadsWithAControllerThatFailsToStart(() -> new NoClassDefFoundError("io/secretgate/sync/Gone"));
  }

  /** Wins the lease with a controller whose start fails so; the leader must turn unhealthy and stay not ready. */
  static void leadsWithAControllerThatFailsToStart(Supplier<? extends Throwable> failure) {
    AtomicInteger attempts = new AtomicInteger();
    ControllerTerms terms = new ControllerTerms(() -> failingToStart(attempts, failure), () -> Duration.ofSeconds(1));

    terms.startedLeading();

    Eventually.await(WAIT, "the start is tried", () -> attempts.get() == 1);
    Eventually.await(WAIT, "healthz fails", () -> !terms.healthy());
    assertThat(terms.ready()).isFalse();
    terms.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void a_controller_that_cannot_even_be_made_makes_the_leader_unhealthy() {
    ControllerTerms terms = new ControllerTerms(() -> {
      throw new ExceptionInInitializerError("static set-up failed");
    }, () -> Duration.ofSeconds(1));

    terms.startedLeading();

    Eventually.await(WAIT, "healthz fails", () -> !terms.healthy());
    terms.shutdown(Duration.ofSeconds(1));
  }
}
