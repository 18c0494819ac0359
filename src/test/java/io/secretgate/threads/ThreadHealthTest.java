package io.secretgate.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadHealthTest {
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final ThreadHealth health = new ThreadHealth("the component");

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void a_periodic_task_that_throws_an_exception_or_overflows_the_stack_runs_again_and_all_stays_healthy() {
    AtomicInteger runs = new AtomicInteger();
    timer.scheduleWithFixedDelay(health.guarded("the task", () -> {
      int run = runs.incrementAndGet();
      if (run == 1) throw new IllegalStateException("boom");
      if (run == 2) throw new StackOverflowError();
    }), 0, 10, TimeUnit.MILLISECONDS);

    await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 4);
    assertThat(health.healthy()).isTrue();
  }

  @Test
  void a_task_that_dies_of_another_error_makes_the_component_unhealthy_for_good() {
    assertThat(health.healthy()).isTrue();

    timer.execute(health.guarded("the task", () -> {
      throw new NoClassDefFoundError("io/secretgate/Missing");
    }));

    await().atMost(Duration.ofSeconds(30)).until(() -> !health.healthy());
    timer.execute(health.guarded("the task", () -> { }));
    assertThat(health.healthy()).isFalse();
  }
}
