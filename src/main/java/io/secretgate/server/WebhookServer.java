package io.secretgate.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson3;
import io.secretgate.admission.AdmissionAnswer;
import io.secretgate.tls.SslContexts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission webhooks over HTTPS (HTTP/1.1 only, as kube-apiserver speaks to services):
 * {@code POST} admission routes ({@code /validate/externalsecret}, {@code /mutate/pod}), and {@code GET /healthz},
 * {@code GET /readyz} on the same port. Handlers only pass the body and the request's timeout
 * ({@code ?timeout=10s}, which plays no part in routing) on and send the answer back as it is. A body over the limit is HTTP 413;
 * anything a handler throws is an HTTP 400 {@code {"error":...}} naming only the exception's
 * class, never a 500 with a stack trace.
 */
public final class WebhookServer implements AutoCloseable {
  /** The largest request body taken: kube-apiserver's own object limit is 3 MiB. */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
  private static final String JSON = "application/json";
  private static final String STARTED = "secretgate.started";
  private static final String PATH = "secretgate.path";
  /** How long a stop waits for requests in flight (each makes a Vault call of 2 s at most) before it closes them. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Javalin app;

  private WebhookServer(Settings settings) {
    Map<String, AdmissionEndpoint> endpoints = new LinkedHashMap<>(settings.endpoints);
    HealthChecks checks = settings.checks;
    WebhookMetrics metrics = settings.metrics;
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.prefer405over404 = true; // a GET on an admission path is told to POST, not that the path does not exist
      cfg.jsonMapper(new JavalinJackson3());
      cfg.jetty.threadPool = threadPool(settings.threads);
      cfg.jetty.addConnector((server, http) -> connector(server, http, settings));
      cfg.jetty.modifyServer(WebhookServer::graceful);
      endpoints.forEach((path, endpoint) -> cfg.routes.post(path, ctx -> admit(ctx, path, endpoint, metrics)));
      cfg.routes.get("/healthz", ctx -> HealthAnswer.send(ctx, checks.failingLiveness(), "healthz"));
      cfg.routes.get("/readyz", ctx -> HealthAnswer.send(ctx, checks.failingReadiness(), "readyz"));
      cfg.routes.exception(Exception.class, (e, ctx) -> failed(e, ctx, metrics));
    });
  }

  /**
   * What to serve and how.
   *
   * @param port the HTTPS port (0: any free port, see {@link #port()})
   * @param host the interface to listen on ({@code null}: all)
   * @param tls a server context, e.g. {@link SslContexts#server} over a reloadable key manager
   * @param endpoints POST routes by path
   * @param threads the request threads at most
   * @param metrics where each admission request is counted and timed
   */
  public record Settings(int port, String host, SSLContext tls, Map<String, AdmissionEndpoint> endpoints, HealthChecks checks, int threads,
      WebhookMetrics metrics) {
    public Settings {
      endpoints = Map.copyOf(endpoints);
    }

    /** Without metrics. */
    public Settings(int port, String host, SSLContext tls, Map<String, AdmissionEndpoint> endpoints, HealthChecks checks, int threads) {
      this(port, host, tls, endpoints, checks, threads, WebhookMetrics.none());
    }
  }

  /** Starts serving; returns once the port is bound. */
  public static WebhookServer start(Settings settings) {
    WebhookServer server = new WebhookServer(settings);
    server.app.start();
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** Stops serving: takes no new connection, answers the requests in progress (up to {@link #STOP_TIMEOUT}), then closes. */
  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }

  private static void admit(Context ctx, String path, AdmissionEndpoint endpoint, WebhookMetrics metrics) throws java.io.IOException {
    long began = System.nanoTime();
    ctx.attribute(STARTED, began);
    ctx.attribute(PATH, path);
    // A declared length over the limit is refused before the body is touched (and before a
    // "100 Continue" would invite the client to send it).
    Optional<byte[]> body = ctx.req().getContentLengthLong() > MAX_BODY_BYTES ? Optional.empty()
        : BoundedBody.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(), MAX_BODY_BYTES);
    AdmissionAnswer answer = body.isEmpty()
        ? new AdmissionAnswer.BadRequest("the body is larger than " + MAX_BODY_BYTES + " bytes")
        : endpoint.answer(body.get(), RequestTimeout.of(ctx.queryParam("timeout")));
    send(ctx, answer, body.isEmpty() ? 413 : answer.httpStatus());
    metrics.record(path, answer.outcome(), System.nanoTime() - began);
  }

  private static void send(Context ctx, AdmissionAnswer answer, int status) {
    ctx.status(status).contentType(JSON).result(answer.body());
  }

  private static void failed(Exception e, Context ctx, WebhookMetrics metrics) {
    log.warn("admission request failed: {}", e.getClass().getName());
    send(ctx, new AdmissionAnswer.BadRequest("the request could not be answered (" + e.getClass().getSimpleName() + ")"), 400);
    Long began = ctx.attribute(STARTED);
    String path = ctx.attribute(PATH);
    if (began != null && path != null) metrics.record(path, AdmissionAnswer.Outcome.ERROR, System.nanoTime() - began);
  }

  private static ServerConnector connector(Server server, HttpConfiguration http, Settings settings) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(settings.tls);
    ssl.setIncludeProtocols(SslContexts.PROTOCOLS.toArray(String[]::new));
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    https.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
    connector.setHost(settings.host);
    connector.setPort(settings.port);
    connector.setIdleTimeout(60_000);
    return connector;
  }

  /** Jetty stops abruptly, closing requests in progress, unless a graceful handler tracks them. */
  private static void graceful(Server server) {
    server.setHandler(new GracefulHandler());
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
  }

  private static QueuedThreadPool threadPool(int threads) {
    QueuedThreadPool pool = new QueuedThreadPool(Math.max(threads, 8), 2);
    pool.setName("webhook-https");
    return pool;
  }
}
