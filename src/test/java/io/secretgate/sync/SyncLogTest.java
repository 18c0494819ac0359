package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Sync outcome lines as slf4j-simple writes them (key=value pairs before the message). */
class SyncLogTest {
  static final Map<String, String> VAULT_DATA = Map.of("password", "s3cr3t-value");

  /** A text logger like slf4j-simple: not event-aware, so SLF4J merges key-value pairs into the message. */
  static final class TextLogger extends LegacyAbstractLogger {
    final List<String> lines = new CopyOnWriteArrayList<>();

    TextLogger() {
      this.name = "test";
    }

    @Override public boolean isTraceEnabled() { return true; }
    @Override public boolean isDebugEnabled() { return true; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isErrorEnabled() { return true; }
    @Override protected String getFullyQualifiedCallerName() { return null; }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args) + (t == null ? "" : " " + t));
    }
  }

  final TextLogger logger = new TextLogger();
  final SyncLog syncLog = new SyncLog(logger);

  @Test
  void a_successful_sync_is_one_info_line_naming_kind_namespace_name_outcome_and_reason() {
    syncLog.outcome("ExternalSecret", "payments", "db-credentials", SyncLog.Outcome.SYNCED, "SecretSynced", Duration.ofMillis(12));
    assertThat(logger.lines).containsExactly(
        "INFO kind=ExternalSecret namespace=payments name=db-credentials outcome=synced reason=SecretSynced duration_ms=12 synced");
  }

  @Test
  void a_failed_sync_is_one_warn_line_with_the_error_type_and_message_but_not_its_causes() {
    IllegalStateException cause = new IllegalStateException("password=" + VAULT_DATA.get("password"));
    RuntimeException error = new RuntimeException("Vault answered 503 for secret/data/payments/db", cause);

    syncLog.failure("ExternalSecret", "payments", "db-credentials", "SecretSyncedError", error, Duration.ofMillis(40));

    assertThat(logger.lines).containsExactly("WARN kind=ExternalSecret namespace=payments name=db-credentials"
        + " outcome=failed reason=SecretSyncedError duration_ms=40"
        + " error=RuntimeException: Vault answered 503 for secret/data/payments/db failed");
    assertThat(logger.lines).noneMatch(l -> l.contains("s3cr3t"));
  }
}
