package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets and ConfigMaps answered from informers selected by name ({@code fieldSelector=metadata.name=...}),
 * each started at its first read. The validating webhook reads a store's token Secret (and its CA and
 * client-certificate objects, if any) for every request; this answers those reads from memory
 * instead of with one API call each. Only the objects read are cached, never every Secret of the
 * cluster (ESO's known memory problem). A rotated token is seen as soon as its watch event arrives,
 * and its new digest makes the policy cache ask Vault again.
 *
 * <p>A read is answered with a GET instead ({@link NamedObjects#direct}, failing within
 * {@link BoundedClients#WEBHOOK_GET}) while its informer has not
 * listed yet, while it re-establishes its watch, and when it stopped: refused (HTTP 401/403, RBAC
 * without {@code list}/{@code watch}) it is not tried again, so the log says it once; otherwise it is
 * tried again after {@link #RETRY_AFTER}. At most {@code capacity} objects are watched; beyond that
 * a new object is read with GETs until a watched one has gone unread for {@link #IDLE}.
 */
public final class WatchedObjects implements NamedObjects, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedObjects.class);
  /** How many objects are watched at most. */
  public static final int CAPACITY = 64;
  /** How long a watched object must go unread before, at capacity, its watch goes to another object. */
  public static final Duration IDLE = Duration.ofMinutes(10);
  /** How long an object whose informer stopped on its own is read with GETs before it is watched again. */
  public static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  /** An object's informer and when it was last read. */
  private static final class Watched {
    final SharedIndexInformer<?> informer;
    Instant lastRead;

    Watched(SharedIndexInformer<?> informer, Instant lastRead) {
      this.informer = informer;
      this.lastRead = lastRead;
    }
  }

  private enum Kind {
    Secret("secrets"), ConfigMap("configmaps");

    final String resource;

    Kind(String resource) {
      this.resource = resource;
    }
  }

  private record Key(Kind kind, String namespace, String name) {
    String storeKey() {
      return namespace + "/" + name;
    }

    @Override
    public String toString() {
      return kind + " " + namespace + "/" + name;
    }
  }

  private final KubernetesClient client;
  /** GETs on a client of their own that fails in time; it stays open after {@link #close()}, when reads are GETs (the webhook drains). */
  private final NamedObjects direct;
  private final int capacity;
  private final Clock clock;
  /** The watched objects, the one read longest ago first. */
  private final Map<Key, Watched> informers = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Key, Instant> heldUntil = new HashMap<>();
  private final Set<Key> warned = new HashSet<>();
  private boolean closed;

  public WatchedObjects(KubernetesClient client) {
    this(client, CAPACITY, Clock.systemUTC(), BoundedClients.WEBHOOK_GET);
  }

  /** @param getTimeout how long a GET may take (tests against the mock API server, which can stall, wait longer) */
  WatchedObjects(KubernetesClient client, int capacity, Clock clock, Duration getTimeout) {
    this.client = client;
    this.direct = NamedObjects.direct(BoundedClients.from(client, getTimeout));
    this.capacity = capacity;
    this.clock = clock;
  }

  @Override
  public Secret secret(String namespace, String name) {
    Key key = new Key(Kind.Secret, namespace, name);
    SharedIndexInformer<?> informer = usable(key, () -> client.secrets().inNamespace(namespace).withName(name).runnableInformer(0));
    return informer == null ? direct.secret(namespace, name) : (Secret) informer.getStore().getByKey(key.storeKey());
  }

  @Override
  public ConfigMap configMap(String namespace, String name) {
    Key key = new Key(Kind.ConfigMap, namespace, name);
    SharedIndexInformer<?> informer = usable(key, () -> client.configMaps().inNamespace(namespace).withName(name).runnableInformer(0));
    return informer == null ? direct.configMap(namespace, name) : (ConfigMap) informer.getStore().getByKey(key.storeKey());
  }

  /** How many objects are watched now. */
  public synchronized int watched() {
    return informers.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    informers.values().forEach(w -> w.informer.close());
    informers.clear();
  }

  /** The informer of {@code key} when its cache can answer now: listed and watching. */
  private SharedIndexInformer<?> usable(Key key, Supplier<SharedIndexInformer<?>> create) {
    SharedIndexInformer<?> informer = informer(key, create);
    return informer != null && informer.hasSynced() && informer.isWatching() ? informer : null;
  }

  /** The running informer of {@code key}, started now if there is none; null while it is held back. */
  private synchronized SharedIndexInformer<?> informer(Key key, Supplier<SharedIndexInformer<?>> create) {
    if (closed || key.namespace() == null || key.name() == null) return null;
    Instant now = clock.instant();
    Watched watched = informers.get(key);
    if (watched != null) {
      SharedIndexInformer<?> informer = watched.informer;
      watched.lastRead = now;
      if (informer.isRunning()) return informer;
      int status = stoppedWith(informer);
      informers.remove(key);
      informer.close();
      if (KubeWriteException.kindOf(status) == KubeWriteException.Kind.FORBIDDEN) {
        hold(key, Instant.MAX, "it may not be listed or watched (HTTP " + status + "); grant list and watch on " + key.kind().resource
            + " to the webhook's ServiceAccount to save an API call per request");
      } else {
        hold(key, now.plus(RETRY_AFTER), "its informer stopped (" + (status > 0 ? "HTTP " + status : "no HTTP answer")
            + "); it is watched again after " + RETRY_AFTER.toSeconds() + "s");
      }
      return null;
    }
    Instant until = heldUntil.get(key);
    if (until != null && now.isBefore(until)) return null;
    heldUntil.remove(key);
    if (!roomFor(now)) return null;
    SharedIndexInformer<?> informer;
    try {
      informer = create.get();
      informer.start(); // lists and watches in the background; until it has listed, reads are GETs
    } catch (RuntimeException e) {
      hold(key, now.plus(RETRY_AFTER), "its informer could not start (" + e.getClass().getSimpleName() + "); it is watched again after "
          + RETRY_AFTER.toSeconds() + "s");
      return null;
    }
    informers.put(key, new Watched(informer, now));
    return informer;
  }

  /**
   * Whether one more object may be watched: below capacity, or once the object read longest ago has
   * not been read for {@link #IDLE} (it is stopped). Otherwise the new object is read with GETs: with
   * more objects in use than watches, trading watches would cost a list and a watch per request.
   */
  private boolean roomFor(Instant now) {
    if (informers.size() < capacity) return true;
    Iterator<Watched> eldestFirst = informers.values().iterator();
    Watched eldest = eldestFirst.next();
    if (now.isBefore(eldest.lastRead.plus(IDLE))) return false;
    eldestFirst.remove();
    eldest.informer.close();
    return true;
  }

  /** The HTTP status the informer stopped with, 0 when none is known. */
  private static int stoppedWith(SharedIndexInformer<?> informer) {
    try {
      informer.stopped().toCompletableFuture().getNow(null);
      return 0;
    } catch (CompletionException | CancellationException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof KubernetesClientException k) return k.getCode();
      }
      return 0;
    }
  }

  private void hold(Key key, Instant until, String why) {
    Instant now = clock.instant();
    if (heldUntil.size() > 4 * capacity) heldUntil.values().removeIf(now::isAfter);
    heldUntil.put(key, until);
    if (warned.size() < 4 * capacity && warned.add(key)) {
      LOG.warn("cannot watch {}, so it is read with a GET per request: {}", key, why);
    } else {
      LOG.debug("cannot watch {}: {}", key, why);
    }
  }
}
