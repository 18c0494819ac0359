package io.secretgate.app.logging;

import io.secretgate.config.LogSettings;
import io.secretgate.sync.SyncLog;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/** Run in a fresh JVM by {@link LogSetupTest}: sets logging up as serve does, then logs. */
public final class LogProbe {
  private LogProbe() {}

  public static void main(String[] args) {
    LogSetup.configure(new LogSettings(LogSettings.Format.valueOf(args[0]), LogSettings.Level.INFO));
    new SyncLog().outcome("ExternalSecret", "payments", "db-credentials", SyncLog.Outcome.SYNCED, "SecretSynced", Duration.ofMillis(3));
    LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("jetty chatter");
    LoggerFactory.getLogger("io.secretgate.app.ServeProcess").debug("below the level");
    LoggerFactory.getLogger("io.secretgate.app.ServeProcess").warn("shutting down");
  }
}
