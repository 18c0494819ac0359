package io.secretgate.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson3;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The plain-HTTP operations server: {@code GET /healthz}, {@code GET /readyz} and
 * {@code GET /metrics} (Prometheus text). Handlers only ask the {@link HealthChecks} and the
 * metrics supplier; no business logic lives here.
 */
public final class OpsServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HealthChecks checks;
  private final Supplier<String> metrics;
  private final Javalin app;

  private OpsServer(HealthChecks checks, Supplier<String> metrics) {
    this.checks = checks;
    this.metrics = metrics;
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jsonMapper(new JavalinJackson3());
      cfg.jetty.threadPool = threadPool();
      cfg.routes.get("/healthz", this::healthz);
      cfg.routes.get("/readyz", this::readyz);
      cfg.routes.get("/metrics", this::metrics);
    });
  }

  /**
   * Starts serving on {@code port} on every interface (0: any free port; see {@link #port()}).
   *
   * @param metrics the Prometheus text exposition, produced at each scrape
   */
  public static OpsServer start(int port, HealthChecks checks, Supplier<String> metrics) {
    OpsServer server = new OpsServer(checks, metrics);
    server.app.start(port);
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** Stops serving; requests in progress are finished by Jetty's graceful stop. */
  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }

  private void healthz(Context ctx) {
    HealthAnswer.send(ctx, checks.failingLiveness(), "healthz");
  }

  private void readyz(Context ctx) {
    HealthAnswer.send(ctx, checks.failingReadiness(), "readyz");
  }

  private void metrics(Context ctx) {
    ctx.contentType(PROMETHEUS_TEXT).result(metrics.get());
  }

  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(8, 1);
    pool.setName("ops-http");
    return pool;
  }
}
