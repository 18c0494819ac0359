package io.secretgate.app.logging;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.secretgate.config.LogSettings;
import io.secretgate.sync.SyncLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Run in a fresh JVM by {@link LogSetupTest}: sets logging up as serve does (format, and level when
 * given), then logs; at TRACE it also reads a Secret with the Kubernetes client, with a bearer token.
 */
public final class LogProbe {
  static final String TOKEN = "canary-service-account-token";
  /** A Secret value as the API server sends it (base64 of {@code canary-vault-token}). */
  static final String SECRET_DATA = "Y2FuYXJ5LXZhdWx0LXRva2Vu";

  /** What Jetty's parser logs at DEBUG: the bytes of a request (here a Pod's inline env value). */
  static final String REQUEST_BYTES = "{\"name\":\"DB_PASSWORD\",\"value\":\"canary-inline-env\"}";

  private LogProbe() {}

  public static void main(String[] args) throws IOException {
    LogSettings.Level level = args.length > 1 ? LogSettings.Level.valueOf(args[1]) : LogSettings.Level.INFO;
    LogSetup.configure(new LogSettings(LogSettings.Format.valueOf(args[0]), level));
    if (level == LogSettings.Level.TRACE) {
      LoggerFactory.getLogger("io.secretgate.app.ServeProcess").trace("tracing");
      readSecretWithToken();
      LoggerFactory.getLogger("org.eclipse.jetty.http.HttpParser").debug("parseNext {}", REQUEST_BYTES);
      return;
    }
    new SyncLog().outcome("ExternalSecret", "payments", "db-credentials", SyncLog.Outcome.SYNCED, "SecretSynced", Duration.ofMillis(3));
    LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("jetty chatter");
    LoggerFactory.getLogger("io.secretgate.app.ServeProcess").debug("below the level");
    LoggerFactory.getLogger("io.secretgate.app.ServeProcess").warn("shutting down");
  }

  /** GETs a Secret (holding {@link #SECRET_DATA}) from a local stand-in API server, authenticated with {@link #TOKEN}. */
  private static void readSecretWithToken() throws IOException {
    byte[] secret = ("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"vault-token\",\"namespace\":\"payments\"},"
        + "\"data\":{\"token\":\"" + SECRET_DATA + "\"}}").getBytes(StandardCharsets.UTF_8);
    HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, secret.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(secret);
      }
    });
    api.start();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + api.getAddress().getPort()).withOauthToken(TOKEN).build()).build()) {
      client.secrets().inNamespace("payments").withName("vault-token").get();
    } finally {
      api.stop(0);
    }
  }
}
