package io.secretgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.secretgate.vault.policy.Acl;
import io.secretgate.vault.policy.Capability;
import io.secretgate.vault.policy.Policy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process Vault for tests: the documented API shapes (vault-facts.md §3) of KV v1/v2 reads,
 * metadata, LIST, {@code sys/capabilities-self}, {@code auth/token/lookup-self} and
 * {@code sys/health}; ACL decisions from real policies through our own evaluator; faults on demand
 * (sealed, a status for the next N requests, latency, stopped) and request counts.
 */
public final class FakeVault implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final Map<String, String> kv = new ConcurrentHashMap<>();
  private final Map<String, Boolean> v2Mounts = new ConcurrentHashMap<>();
  private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private volatile boolean sealed;
  private volatile Duration latency = Duration.ZERO;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus;

  /** A token: its policies and remaining TTL in seconds (0 = no expiry). */
  public record TokenInfo(List<Policy> policies, long ttlSeconds) {}

  public FakeVault() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  public URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public FakeVault mountV2(String mount) {
    v2Mounts.put(mount, true);
    return this;
  }

  public FakeVault mountV1(String mount) {
    v2Mounts.put(mount, false);
    return this;
  }

  /** Stores a secret; {@code rawJsonData} is the key/value object, exactly as Vault would return it. */
  public FakeVault put(String mount, String path, String rawJsonData) {
    kv.put(mount + "/" + path, rawJsonData);
    return this;
  }

  public FakeVault delete(String mount, String path) {
    kv.remove(mount + "/" + path);
    return this;
  }

  public FakeVault token(String token, TokenInfo info) {
    tokens.put(token, info);
    return this;
  }

  public void sealed(boolean value) {
    sealed = value;
  }

  public void latency(Duration value) {
    latency = value;
  }

  /** The next {@code n} requests (health excepted) answer {@code status}. */
  public void failNext(int n, int status) {
    failureStatus = status;
    failuresLeft.set(n);
  }

  /** Requests seen, by {@code METHOD path} (path without {@code /v1/} and query). */
  public int count(String methodAndPath) {
    AtomicInteger c = counts.get(methodAndPath);
    return c == null ? 0 : c.get();
  }

  public int totalReads() {
    return counts.entrySet().stream().filter(e -> e.getKey().startsWith("GET ")).mapToInt(e -> e.getValue().get()).sum();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().replaceFirst("^/v1/", "");
      String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
      String method = ex.getRequestMethod().equals("GET") && query.contains("list=true") ? "LIST" : ex.getRequestMethod();
      counts.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
      sleep();
      if (path.equals("sys/health")) {
        respond(ex, sealed ? 503 : 200, "{\"initialized\":true,\"sealed\":" + sealed + ",\"standby\":false}");
        return;
      }
      if (sealed) {
        respond(ex, 503, "{\"errors\":[\"Vault is sealed\"]}");
        return;
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        respond(ex, failureStatus, "{\"errors\":[\"injected failure\"]}");
        return;
      }
      TokenInfo token = tokens.get(String.valueOf(ex.getRequestHeaders().getFirst("X-Vault-Token")));
      if (token == null) {
        respond(ex, 403, "{\"errors\":[\"permission denied\"]}");
        return;
      }
      route(ex, method, path, query, token);
    }
  }

  private void route(HttpExchange ex, String method, String path, String query, TokenInfo token) throws IOException {
    Acl acl = Acl.of(token.policies());
    if (path.equals("sys/capabilities-self")) {
      capabilities(ex, acl);
    } else if (path.equals("auth/token/lookup-self")) {
      lookupSelf(ex, token);
    } else if (method.equals("LIST")) {
      String dir = path.endsWith("/") ? path : path + "/";
      if (!acl.allows(Capability.LIST, dir)) respond(ex, 403, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}");
      else list(ex, dir);
    } else if (!acl.allows(Capability.READ, path)) {
      respond(ex, 403, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}");
    } else {
      read(ex, path);
    }
  }

  private void read(HttpExchange ex, String path) throws IOException {
    String mount = path.substring(0, Math.max(0, path.indexOf('/')));
    boolean v2 = Boolean.TRUE.equals(v2Mounts.get(mount));
    String rest = path.substring(mount.length() + 1);
    if (v2 && rest.startsWith("data/")) {
      String data = kv.get(mount + "/" + rest.substring(5));
      if (data == null) respond(ex, 404, "{\"errors\":[]}");
      else respond(ex, 200, envelope("{\"data\":" + data + ",\"metadata\":{\"created_time\":\"2026-01-01T00:00:00Z\",\"custom_metadata\":null,\"deletion_time\":\"\",\"destroyed\":false,\"version\":1}}"));
    } else if (v2 && rest.startsWith("metadata/")) {
      String data = kv.get(mount + "/" + rest.substring(9));
      if (data == null) respond(ex, 404, "{\"errors\":[]}");
      else respond(ex, 200, envelope("{\"created_time\":\"2026-01-01T00:00:00Z\",\"current_version\":1,\"custom_metadata\":null,\"versions\":{}}"));
    } else if (!v2) {
      String data = kv.get(path);
      if (data == null) respond(ex, 404, "{\"errors\":[]}");
      else respond(ex, 200, envelope(data));
    } else {
      respond(ex, 404, "{\"errors\":[]}");
    }
  }

  private void list(HttpExchange ex, String dir) throws IOException {
    String mount = dir.substring(0, dir.indexOf('/'));
    boolean v2 = Boolean.TRUE.equals(v2Mounts.get(mount));
    String prefix = v2 ? mount + "/" + dir.substring(mount.length() + 1).replaceFirst("^metadata/", "") : dir;
    TreeSet<String> keys = new TreeSet<>();
    for (String k : kv.keySet()) {
      if (!k.startsWith(prefix)) continue;
      String rest = k.substring(prefix.length());
      int slash = rest.indexOf('/');
      keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
    }
    if (keys.isEmpty()) {
      respond(ex, 404, "{\"errors\":[]}");
      return;
    }
    ObjectNode data = JSON.createObjectNode();
    ArrayNode arr = data.putArray("keys");
    keys.forEach(arr::add);
    respond(ex, 200, envelope(JSON.writeValueAsString(data)));
  }

  private void capabilities(HttpExchange ex, Acl acl) throws IOException {
    JsonNode body = JSON.readTree(ex.getRequestBody());
    ObjectNode data = JSON.createObjectNode();
    for (JsonNode p : body.path("paths")) {
      ArrayNode caps = data.putArray(p.asString());
      acl.capabilities(p.asString()).forEach(caps::add);
    }
    ObjectNode root = JSON.createObjectNode();
    root.setAll(data);
    root.set("data", data);
    respond(ex, 200, JSON.writeValueAsString(root));
  }

  private void lookupSelf(HttpExchange ex, TokenInfo token) throws IOException {
    List<String> names = new ArrayList<>();
    token.policies().forEach(p -> names.add(p.name()));
    ObjectNode data = JSON.createObjectNode();
    data.put("ttl", token.ttlSeconds());
    ArrayNode pols = data.putArray("policies");
    names.forEach(pols::add);
    data.put("type", "service");
    respond(ex, 200, envelope(JSON.writeValueAsString(data)));
  }

  private static String envelope(String data) {
    return "{\"request_id\":\"00000000-0000-0000-0000-000000000000\",\"lease_id\":\"\",\"renewable\":false,"
        + "\"lease_duration\":0,\"data\":" + data + ",\"wrap_info\":null,\"warnings\":null,\"auth\":null,\"mount_type\":\"kv\"}";
  }

  private void sleep() {
    if (latency.isZero()) return;
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
