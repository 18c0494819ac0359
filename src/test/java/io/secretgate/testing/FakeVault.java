package io.secretgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.secretgate.vault.policy.Acl;
import io.secretgate.vault.policy.Capability;
import io.secretgate.vault.policy.Policy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process Vault for tests, over plain HTTP or HTTPS: the documented API shapes
 * (vault-facts.md §3) of KV v1 and v2 (versions, soft delete, destroy, metadata, LIST by method
 * or {@code ?list=true}), {@code sys/capabilities-self}, {@code auth/token/lookup-self} and
 * {@code sys/health}; ACL decisions from real policies through our own evaluator (checked before
 * routing, as Vault does: an unreadable missing secret is 403); faults on demand (sealed, standby,
 * canned replies for the next N requests, latency, closed); every request recorded.
 *
 * <p>Namespaces are recorded ({@link Request#namespace()}) but not modelled: paths are served
 * alike whatever the {@code X-Vault-Namespace} header says.
 */
public final class FakeVault implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DENIED = "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}";
  private static final String NOT_FOUND = "{\"errors\":[]}";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "fake-vault");
    t.setDaemon(true);
    return t;
  });
  private final boolean https;
  private final Map<String, Boolean> mounts = new ConcurrentHashMap<>();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Reply> cannedReplies = new CopyOnWriteArrayList<>();
  private volatile boolean sealed;
  private volatile boolean uninitialised;
  private volatile boolean standby;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration bodyDelay = Duration.ZERO;
  private volatile Clock clock = Clock.systemUTC();
  private volatile Map.Entry<String, String> requiredHeader;

  /**
   * A token: its policies, identity (entity/group) policy names, remaining TTL in seconds (0 = no
   * expiry), whether it is renewable and its type ({@code service} or {@code batch}). A token
   * holding {@link Policy#root()} is described as Vault describes root tokens.
   */
  public record TokenInfo(List<Policy> policies, List<String> identityPolicies, long ttlSeconds, boolean renewable, String type) {
    public TokenInfo(List<Policy> policies, long ttlSeconds) {
      this(policies, List.of(), ttlSeconds, ttlSeconds > 0, "service");
    }
  }

  /** A canned answer: status, extra headers and body. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public static Reply of(int status, String body) {
      return new Reply(status, Map.of(), body);
    }

    public Reply header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, Map.copyOf(h), body);
    }
  }

  /**
   * One request as it arrived: the method as sent, the raw path (with {@code /v1/}) and query, the
   * token, namespace and {@code X-Vault-Request} headers (null when absent), the body and every
   * header (names in lower case, first value).
   */
  public record Request(String method, String rawPath, String rawQuery, String token, String namespace, String vaultRequest, String body,
      Map<String, String> headers) {
    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code METHOD /v1/path?query} as it came over the wire. */
    public String line() {
      return method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }
  }

  /** A plain-HTTP Vault on a free local port. */
  public FakeVault() throws IOException {
    this(null);
  }

  private FakeVault(SSLContext tls) throws IOException {
    this(tls, false);
  }

  private FakeVault(SSLContext tls, boolean needClientCertificate) throws IOException {
    InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
    if (tls == null) {
      server = HttpServer.create(local, 0);
    } else {
      HttpsServer s = HttpsServer.create(local, 0);
      s.setHttpsConfigurator(new HttpsConfigurator(tls) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters p = getSSLContext().getDefaultSSLParameters();
          p.setNeedClientAuth(needClientCertificate);
          params.setSSLParameters(p);
        }
      });
      server = s;
    }
    https = tls != null;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A Vault serving HTTPS with the key and certificate chain of {@code serverContext}. */
  public static FakeVault https(SSLContext serverContext) throws IOException {
    return new FakeVault(serverContext);
  }

  /**
   * A Vault serving HTTPS that, like Vault with {@code tls_require_and_verify_client_cert}, refuses
   * the handshake of a client without a certificate that {@code serverContext} trusts.
   */
  public static FakeVault httpsRequiringClientCertificate(SSLContext serverContext) throws IOException {
    return new FakeVault(serverContext, true);
  }

  public URI address() {
    return URI.create((https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A KV v2 mount at {@code mount} (may hold slashes, e.g. {@code team/kv}). */
  public FakeVault mountV2(String mount) {
    mounts.put(mount, true);
    return this;
  }

  public FakeVault mountV1(String mount) {
    mounts.put(mount, false);
    return this;
  }

  /**
   * Writes a secret; {@code rawJsonData} is the key/value object, served back byte for byte. On a
   * v2 mount each put adds a version; on v1 it replaces.
   */
  public FakeVault put(String mount, String path, String rawJsonData) {
    JSON.readTree(rawJsonData); // a test's typo should fail here, not in the client under test
    Secret secret = secrets.computeIfAbsent(key(mount, path), k -> new Secret());
    synchronized (secret) {
      if (!Boolean.TRUE.equals(mounts.get(mount))) secret.versions.clear();
      secret.versions.add(new Version(rawJsonData, clock.instant()));
    }
    return this;
  }

  /** Sets the KV v2 {@code custom_metadata} of a secret (a JSON object or {@code null}). */
  public FakeVault customMetadata(String mount, String path, String rawJsonObject) {
    Secret secret = secrets.get(key(mount, path));
    if (secret == null) throw new IllegalArgumentException("no secret " + key(mount, path));
    secret.customMetadata = rawJsonObject;
    return this;
  }

  /** KV v2 {@code delete}: soft-deletes {@code version} (reads of it now answer 404 with metadata). */
  public FakeVault softDelete(String mount, String path, int version) {
    version(mount, path, version).deletionTime = clock.instant();
    return this;
  }

  /** KV v2 {@code destroy}: the data of {@code version} is gone for good. */
  public FakeVault destroy(String mount, String path, int version) {
    Version v = version(mount, path, version);
    v.destroyed = true;
    v.data = null;
    return this;
  }

  /** Removes a secret with all its versions and metadata. */
  public FakeVault delete(String mount, String path) {
    secrets.remove(key(mount, path));
    return this;
  }

  public FakeVault token(String token, TokenInfo info) {
    tokens.put(token, info);
    return this;
  }

  /** Sealed: every request but {@code sys/health} answers 503 "Vault is sealed". */
  /**
   * Like a gateway in front of Vault that wants a header: every request without header
   * {@code name} set to {@code value} is answered 403 before Vault sees it, {@code sys/health} included.
   */
  public FakeVault requireHeader(String name, String value) {
    requiredHeader = Map.entry(name, value);
    return this;
  }

  public void sealed(boolean value) {
    sealed = value;
  }

  /** Not initialised (never {@code vault operator init}): sealed, and {@code sys/health} answers 501. */
  public void uninitialised(boolean value) {
    uninitialised = value;
  }

  /** A standby node: {@code sys/health} answers 429 with {@code standby: true}; requests are served. */
  public void standby(boolean value) {
    standby = value;
  }

  /** Every answer is delayed by {@code value}. */
  public void latency(Duration value) {
    latency = value;
  }

  /** Every answer sends its status and headers at once and its body after {@code value}. */
  public void bodyDelay(Duration value) {
    bodyDelay = value;
  }

  /** The clock behind creation, deletion and expiry times. */
  public void clock(Clock value) {
    clock = value;
  }

  /** The next {@code n} requests ({@code sys/health} excepted) answer {@code status} with a Vault error body. */
  public void failNext(int n, int status) {
    failNext(n, Reply.of(status, "{\"errors\":[\"injected failure\"]}"));
  }

  /** The next {@code n} requests ({@code sys/health} excepted) answer {@code reply}. */
  public void failNext(int n, Reply reply) {
    for (int i = 0; i < n; i++) cannedReplies.add(reply);
  }

  /** Requests seen, by {@code METHOD path} (path without {@code /v1/} and query; LIST for {@code ?list=true}). */
  public int count(String methodAndPath) {
    AtomicInteger c = counts.get(methodAndPath);
    return c == null ? 0 : c.get();
  }

  /** GET requests seen (KV reads, metadata reads, lookup-self, health). */
  public int totalReads() {
    return counts.entrySet().stream().filter(e -> e.getKey().startsWith("GET ")).mapToInt(e -> e.getValue().get()).sum();
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The most recent request. */
  public Request lastRequest() {
    if (requests.isEmpty()) throw new IllegalStateException("no request yet");
    return requests.get(requests.size() - 1);
  }

  /** Stops serving: new connections are refused. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        serve(ex);
      } catch (RuntimeException e) {
        e.printStackTrace();
        respond(ex, Reply.of(500, "{\"errors\":[\"fake vault: " + e.getClass().getSimpleName() + "\"]}"));
      } catch (IOException e) {
        // the client went away (a timeout under test): nothing to answer
      }
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String token = ex.getRequestHeaders().getFirst("X-Vault-Token");
    requests.add(new Request(ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), token,
        ex.getRequestHeaders().getFirst("X-Vault-Namespace"), ex.getRequestHeaders().getFirst("X-Vault-Request"), body, headers(ex)));
    String path = uri.getPath().replaceFirst("^/v1/", "");
    Map<String, String> query = query(uri.getRawQuery());
    String method = ex.getRequestMethod().equals("GET") && "true".equals(query.get("list")) ? "LIST" : ex.getRequestMethod();
    counts.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
    sleep(latency);
    Map.Entry<String, String> required = requiredHeader;
    if (required != null && !required.getValue().equals(ex.getRequestHeaders().getFirst(required.getKey()))) {
      respond(ex, Reply.of(403, "{\"errors\":[\"fake gateway: header " + required.getKey() + " missing or wrong\"]}"));
      return;
    }
    if (path.equals("sys/health")) {
      health(ex);
      return;
    }
    if (sealed || uninitialised) {
      respond(ex, Reply.of(503, "{\"errors\":[\"Vault is sealed\"]}"));
      return;
    }
    if (!cannedReplies.isEmpty()) {
      Reply canned = takeCanned();
      if (canned != null) {
        respond(ex, canned);
        return;
      }
    }
    TokenInfo info = token == null ? null : tokens.get(token);
    if (info == null) {
      respond(ex, Reply.of(403, DENIED));
      return;
    }
    route(ex, method, path, query, body, info);
  }

  private static Map<String, String> headers(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((name, values) -> out.put(name.toLowerCase(java.util.Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
    return Map.copyOf(out);
  }

  private synchronized Reply takeCanned() {
    return cannedReplies.isEmpty() ? null : cannedReplies.remove(0);
  }

  private void health(HttpExchange ex) throws IOException {
    int status = uninitialised ? 501 : sealed ? 503 : standby ? 429 : 200;
    respond(ex, Reply.of(status, "{\"initialized\":" + !uninitialised + ",\"sealed\":" + (sealed || uninitialised) + ",\"standby\":" + standby
        + ",\"performance_standby\":false,\"replication_performance_mode\":\"disabled\",\"replication_dr_mode\":\"disabled\","
        + "\"server_time_utc\":" + clock.instant().getEpochSecond() + ",\"version\":\"1.17.0\",\"cluster_name\":\"fake\"}"));
  }

  private void route(HttpExchange ex, String method, String path, Map<String, String> query, String body, TokenInfo token)
      throws IOException {
    Acl acl = Acl.of(token.policies());
    if (path.equals("sys/capabilities-self") && (method.equals("POST") || method.equals("PUT"))) {
      capabilities(ex, acl, body);
    } else if (path.equals("auth/token/lookup-self") && method.equals("GET")) {
      lookupSelf(ex, token);
    } else if (method.equals("LIST")) {
      String dir = path.endsWith("/") ? path : path + "/";
      if (!acl.allows(Capability.LIST, dir)) respond(ex, Reply.of(403, DENIED));
      else list(ex, dir);
    } else if (method.equals("GET")) {
      if (!acl.allows(Capability.READ, path, query.keySet())) respond(ex, Reply.of(403, DENIED));
      else read(ex, path, query);
    } else {
      respond(ex, Reply.of(405, "{\"errors\":[\"unsupported operation\"]}"));
    }
  }

  private void read(HttpExchange ex, String path, Map<String, String> query) throws IOException {
    Optional<String> mount = mountOf(path);
    if (mount.isEmpty()) {
      respond(ex, Reply.of(404, "{\"errors\":[\"no handler for route \\\"" + path + "\\\". route entry not found.\"]}"));
      return;
    }
    String rest = path.substring(Math.min(path.length(), mount.get().length() + 1));
    if (!mounts.get(mount.get())) {
      Secret secret = secrets.get(key(mount.get(), rest));
      if (secret == null || secret.current() == null) respond(ex, Reply.of(404, NOT_FOUND));
      else respond(ex, Reply.of(200, envelope(secret.current().data)));
    } else if (rest.startsWith("data/")) {
      readV2(ex, mount.get(), rest.substring("data/".length()), query.get("version"));
    } else if (rest.startsWith("metadata/")) {
      Secret secret = secrets.get(key(mount.get(), rest.substring("metadata/".length())));
      if (secret == null) respond(ex, Reply.of(404, NOT_FOUND));
      else respond(ex, Reply.of(200, envelope(metadata(secret))));
    } else {
      respond(ex, Reply.of(404, envelope("null").replace("\"warnings\":null", "\"warnings\":[\"Invalid path for a versioned K/V secrets engine. "
          + "See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation.\"]")));
    }
  }

  private void readV2(HttpExchange ex, String mount, String path, String versionParam) throws IOException {
    int wanted;
    try {
      wanted = versionParam == null ? 0 : Integer.parseInt(versionParam);
    } catch (NumberFormatException e) {
      respond(ex, Reply.of(400, "{\"errors\":[\"error converting input for field \\\"version\\\"\"]}"));
      return;
    }
    Secret secret = secrets.get(key(mount, path));
    if (secret == null) {
      respond(ex, Reply.of(404, NOT_FOUND));
      return;
    }
    int number;
    Version v;
    synchronized (secret) {
      number = wanted <= 0 ? secret.versions.size() : wanted;
      v = number >= 1 && number <= secret.versions.size() ? secret.versions.get(number - 1) : null;
    }
    if (v == null) {
      respond(ex, Reply.of(404, NOT_FOUND));
      return;
    }
    String meta = versionMetadata(secret, v, number);
    if (v.destroyed || v.deletionTime != null && !v.deletionTime.isAfter(clock.instant())) {
      respond(ex, Reply.of(404, envelope("{\"data\":null,\"metadata\":" + meta + "}")));
    } else {
      respond(ex, Reply.of(200, envelope("{\"data\":" + v.data + ",\"metadata\":" + meta + "}")));
    }
  }

  private static String versionMetadata(Secret secret, Version v, int number) {
    return "{\"created_time\":\"" + v.created + "\",\"custom_metadata\":" + secret.customMetadata + ",\"deletion_time\":\""
        + (v.deletionTime == null ? "" : v.deletionTime.toString()) + "\",\"destroyed\":" + v.destroyed + ",\"version\":" + number + "}";
  }

  private static String metadata(Secret secret) {
    StringBuilder versions = new StringBuilder("{");
    synchronized (secret) {
      for (int i = 0; i < secret.versions.size(); i++) {
        Version v = secret.versions.get(i);
        if (i > 0) versions.append(',');
        versions.append('"').append(i + 1).append("\":{\"created_time\":\"").append(v.created).append("\",\"deletion_time\":\"")
            .append(v.deletionTime == null ? "" : v.deletionTime.toString()).append("\",\"destroyed\":").append(v.destroyed).append('}');
      }
      versions.append('}');
      int current = secret.versions.size();
      Instant created = secret.versions.get(0).created;
      Instant updated = secret.versions.get(current - 1).created;
      return "{\"cas_required\":false,\"created_time\":\"" + created + "\",\"current_version\":" + current
          + ",\"custom_metadata\":" + secret.customMetadata + ",\"delete_version_after\":\"0s\",\"max_versions\":0,"
          + "\"oldest_version\":0,\"updated_time\":\"" + updated + "\",\"versions\":" + versions + "}";
    }
  }

  private void list(HttpExchange ex, String dir) throws IOException {
    Optional<String> mount = mountOf(dir);
    if (mount.isEmpty()) {
      respond(ex, Reply.of(404, NOT_FOUND));
      return;
    }
    String rest = dir.substring(mount.get().length() + 1);
    if (mounts.get(mount.get())) {
      if (!rest.startsWith("metadata/")) {
        respond(ex, Reply.of(405, "{\"errors\":[\"1 error occurred:\\n\\t* unsupported operation\\n\\n\"]}"));
        return;
      }
      rest = rest.substring("metadata/".length());
    }
    String prefix = mount.get() + "/" + rest;
    TreeSet<String> keys = new TreeSet<>();
    for (String k : secrets.keySet()) {
      if (!k.startsWith(prefix)) continue;
      String below = k.substring(prefix.length());
      int slash = below.indexOf('/');
      keys.add(slash < 0 ? below : below.substring(0, slash + 1));
    }
    if (keys.isEmpty()) {
      respond(ex, Reply.of(404, NOT_FOUND));
      return;
    }
    ObjectNode data = JSON.createObjectNode();
    ArrayNode arr = data.putArray("keys");
    keys.forEach(arr::add);
    respond(ex, Reply.of(200, envelope(JSON.writeValueAsString(data))));
  }

  /** Vault accepts {@code paths} (or legacy {@code path}) as an array or a comma-separated string. */
  private void capabilities(HttpExchange ex, Acl acl, String body) throws IOException {
    JsonNode request = JSON.readTree(body.isBlank() ? "{}" : body);
    JsonNode given = request.has("paths") ? request.get("paths") : request.path("path");
    List<String> paths = new ArrayList<>();
    if (given.isArray()) given.forEach(p -> paths.add(p.asString()));
    else if (given.isString()) Arrays.stream(given.asString().split(",")).map(String::strip).forEach(paths::add);
    paths.removeIf(String::isEmpty);
    if (paths.isEmpty()) {
      respond(ex, Reply.of(400, "{\"errors\":[\"paths must be supplied\"]}"));
      return;
    }
    ObjectNode data = JSON.createObjectNode();
    for (String p : paths) {
      ArrayNode caps = data.putArray(p);
      acl.capabilities(p).forEach(caps::add);
    }
    if (paths.size() == 1) data.set("capabilities", data.get(paths.get(0)).deepCopy());
    ObjectNode root = JSON.createObjectNode();
    root.setAll(data);
    root.put("request_id", "00000000-0000-0000-0000-000000000000");
    root.set("data", data);
    respond(ex, Reply.of(200, JSON.writeValueAsString(root)));
  }

  private void lookupSelf(HttpExchange ex, TokenInfo token) throws IOException {
    boolean root = token.policies().stream().anyMatch(Policy::isRoot);
    ObjectNode data = JSON.createObjectNode();
    data.put("accessor", "fake-accessor");
    data.put("creation_time", clock.instant().getEpochSecond());
    data.put("creation_ttl", token.ttlSeconds());
    data.put("display_name", "token");
    data.put("entity_id", "");
    if (token.ttlSeconds() > 0) data.put("expire_time", clock.instant().plusSeconds(token.ttlSeconds()).toString());
    else data.putNull("expire_time");
    data.put("explicit_max_ttl", 0);
    data.put("id", "redacted-by-fake-vault");
    if (!token.identityPolicies().isEmpty()) {
      ArrayNode identity = data.putArray("identity_policies");
      token.identityPolicies().forEach(identity::add);
    }
    data.put("num_uses", 0);
    data.put("orphan", true);
    data.put("path", "auth/token/create");
    ArrayNode pols = data.putArray("policies");
    token.policies().stream().map(Policy::name).forEach(pols::add);
    if (!root) {
      data.put("issue_time", clock.instant().toString());
      data.put("renewable", token.renewable());
    }
    data.put("ttl", token.ttlSeconds());
    data.put("type", token.type());
    respond(ex, Reply.of(200, envelope(JSON.writeValueAsString(data))));
  }

  private static String envelope(String data) {
    return "{\"request_id\":\"00000000-0000-0000-0000-000000000000\",\"lease_id\":\"\",\"renewable\":false,"
        + "\"lease_duration\":0,\"data\":" + data + ",\"wrap_info\":null,\"warnings\":null,\"auth\":null,\"mount_type\":\"kv\"}";
  }

  /** The longest mount that {@code path} lies under. */
  private Optional<String> mountOf(String path) {
    return mounts.keySet().stream().filter(m -> path.equals(m) || path.startsWith(m + "/")).max(Comparator.comparingInt(String::length));
  }

  private Version version(String mount, String path, int number) {
    Secret secret = secrets.get(key(mount, path));
    if (secret == null || number < 1 || number > secret.versions.size()) {
      throw new IllegalArgumentException("no version " + number + " of " + key(mount, path));
    }
    return secret.versions.get(number - 1);
  }

  private static String key(String mount, String path) {
    return mount + "/" + path;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(name, value);
    }
    return out;
  }

  private static void sleep(Duration pause) {
    if (pause.isZero()) return;
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void respond(HttpExchange ex, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((name, value) -> ex.getResponseHeaders().set(name, value));
    ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.flush();
        sleep(bodyDelay);
        out.write(bytes);
      }
    }
  }

  private static final class Secret {
    final List<Version> versions = new ArrayList<>();
    volatile String customMetadata = "null";

    Version current() {
      return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }
  }

  private static final class Version {
    volatile String data;
    final Instant created;
    volatile Instant deletionTime;
    volatile boolean destroyed;

    Version(String data, Instant created) {
      this.data = data;
      this.created = created;
    }
  }
}
