package io.secretgate.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.validation.PolicyUnavailableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BoundedAsksTest {
  private final BoundedAsks asks = new BoundedAsks();
  private final CountDownLatch vaultAnswers = new CountDownLatch(1);

  private String hangingAsk() {
    try {
      vaultAnswers.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "late";
  }

  @Test
  void an_ask_that_answers_in_time_gives_its_answer_and_its_exception_goes_through_unchanged() {
    assertThat(asks.within(Duration.ofSeconds(5), Duration.ofSeconds(2), () -> "answer")).isEqualTo("answer");
    assertThatThrownBy(() -> asks.within(Duration.ofSeconds(5), Duration.ofSeconds(2), () -> {
      throw new PolicyUnavailableException("Vault answered HTTP 503");
    })).isInstanceOf(PolicyUnavailableException.class).hasMessage("Vault answered HTTP 503");
  }

  @Test
  @Timeout(30)
  void asks_beyond_the_ones_already_waiting_are_not_made_rather_than_queued() throws Exception {
    ExecutorService requests = Executors.newFixedThreadPool(BoundedAsks.MAX_IN_FLIGHT);
    try {
      for (int i = 0; i < BoundedAsks.MAX_IN_FLIGHT; i++) {
        requests.submit(() -> asks.within(Duration.ofSeconds(20), Duration.ofSeconds(2), this::hangingAsk));
      }
      // once all the ask threads hang, the next request is told at once instead of waiting its turn
      String reason = "";
      while (!reason.startsWith("Vault not asked")) {
        try {
          asks.within(Duration.ofSeconds(5), Duration.ofSeconds(2), () -> "quick"); // answered while a thread is still free
        } catch (PolicyUnavailableException e) {
          reason = e.getMessage();
        }
      }
      assertThat(reason).isEqualTo("Vault not asked: " + BoundedAsks.MAX_IN_FLIGHT + " asks were already waiting for it within short request timeouts");
    } finally {
      vaultAnswers.countDown();
      requests.shutdown();
      assertThat(requests.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void the_time_left_is_shown_to_the_tenth_of_a_second_rounded_down() {
    assertThat(BoundedAsks.tenths(Duration.ofMillis(1499))).isEqualTo("1.4s");
    assertThat(BoundedAsks.tenths(Duration.ofMillis(500))).isEqualTo("0.5s");
    assertThat(BoundedAsks.tenths(Duration.ofMillis(-3))).isEqualTo("0.0s");
  }
}
