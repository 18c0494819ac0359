package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client whose requests {@code METHOD path} are preceded, the first {@code times} times, by
 * {@code interloper}: another writer getting in between our read and our write, for real (the mock
 * server then answers our stale write with 409). Counts those requests.
 */
final class Race implements Interceptor {
  private final String method;
  private final String path;
  private final int times;
  private final Runnable interloper;
  private final AtomicInteger seen = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  private Race(String method, String path, int times, Runnable interloper) {
    this.method = method;
    this.path = path;
    this.times = times;
    this.interloper = interloper;
  }

  static Race before(String method, String path, int times, Runnable interloper) {
    return new Race(method, path, times, interloper);
  }

  KubernetesClient client(KubernetesMockServer server) {
    return server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("race", this)));
  }

  /** The bodies of the matching requests, in order. */
  List<String> bodies() {
    return bodies;
  }

  /** How many matching requests were sent. */
  int requests() {
    return seen.get();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!request.method().equals(method) || !request.uri().getPath().equals(path)) return;
    bodies.add(request.bodyString());
    if (seen.incrementAndGet() <= times) interloper.run();
  }
}
