package io.secretgate.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fabric8 CRUD dispatcher, counting requests by verb and resource (e.g. {@code GET secrets},
 * {@code PUT externalsecrets/status}, {@code WATCH secrets}) so a benchmark can say where API calls go.
 */
final class CountingCrudDispatcher extends KubernetesCrudDispatcher {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    counts.computeIfAbsent(kind(request.getMethod(), request.getPath()), k -> new LongAdder()).increment();
    return super.dispatch(request);
  }

  /** Counts so far, by "VERB resource"; a reset starts a new measurement. */
  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void resetCounts() {
    counts.clear();
  }

  static String kind(String method, String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    String query = q < 0 ? "" : rawPath.substring(q + 1);
    String[] parts = path.replaceFirst("^/", "").split("/");
    // /api/v1/... or /apis/group/version/...
    int i = parts.length > 0 && parts[0].equals("api") ? 2 : 3;
    if (i < parts.length && parts[i].equals("namespaces") && i + 2 < parts.length) i += 2;
    String resource = i < parts.length ? parts[i] : path;
    boolean named = i + 1 < parts.length;
    String sub = i + 2 < parts.length ? "/" + parts[i + 2] : "";
    String verb = method;
    if (method.equals("GET")) verb = query.contains("watch=true") ? "WATCH" : named ? "GET" : "LIST";
    boolean unselected = resource.equals("secrets") && (verb.equals("LIST") || verb.equals("WATCH")) && !query.contains("labelSelector");
    // a store's token Secret is watched by name (a field selector): one Secret, not all of them
    if (unselected && query.contains("fieldSelector=metadata.name")) return verb + " " + resource + sub + " of one name";
    return verb + " " + resource + sub + (unselected ? " without labelSelector" : "");
  }
}
