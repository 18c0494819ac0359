package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.secretgate.secrets.SyncEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events (core/v1) on ExternalSecrets (and stores and workloads), like client-go's recorder: an event identical
 * to one recorded on the same object within {@code window} bumps that Event's {@code count} and
 * {@code lastTimestamp} instead of adding another. Recording never fails the caller: a failed write is
 * logged (reason and HTTP code only) and dropped. It writes on the caller's thread; the controller
 * records through {@link QueuedEvents}, whose one sender thread calls it.
 */
public final class EventRecorder implements Events {
  public static final String COMPONENT = "secretgate";
  /** client-go aggregates within 10 minutes. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
  private static final int MAX_REMEMBERED = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private record Key(String namespace, String name, String uid, SyncEvent.Type type, String reason, String message) {}

  private record Seen(String eventName, int count, String firstTimestamp, Instant last) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration window;
  private final String instance;
  private final AtomicLong lastNanos = new AtomicLong();
  private final Map<Key, Seen> seen = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };

  public EventRecorder(KubernetesClient client, Clock clock) {
    this(client, clock, DEFAULT_WINDOW, null);
  }

  /** {@code instance} (e.g. the pod name) goes into {@code reportingInstance}; may be null. */
  public EventRecorder(KubernetesClient client, Clock clock, Duration window, String instance) {
    this.client = client;
    this.clock = clock;
    this.window = window;
    this.instance = instance;
  }

  /** Records {@code event} on any object as it happens now; never throws (see {@link Events}). */
  @Override
  public void record(ObjectReference involved, SyncEvent event) {
    record(involved, event, clock.instant());
  }

  /** The time an event recorded now happens at (a queued one keeps it until it is sent). */
  Instant now() {
    return clock.instant();
  }

  /** Records {@code event}, which happened at {@code now}, on {@code involved}; never throws. */
  void record(ObjectReference involved, SyncEvent event, Instant now) {
    String namespace = Events.namespace(involved);
    Key key = new Key(namespace, involved.getKind() + "/" + involved.getName(), involved.getUid(), event.type(), event.reason(), event.message());
    try {
      Seen before = remembered(key);
      if (before != null && Duration.between(before.last(), now).compareTo(window) < 0 && bump(namespace, before, now)) {
        remember(key, new Seen(before.eventName(), before.count() + 1, before.firstTimestamp(), now));
        return;
      }
      String name = involved.getName() + "." + Long.toHexString(uniqueNanos(now));
      client.v1().events().inNamespace(namespace).resource(newEvent(involved, namespace, name, event, now)).create();
      remember(key, new Seen(name, 1, StatusChange.time(now), now));
    } catch (KubernetesClientException e) {
      LOG.warn("could not record {} event {} on {} {}/{}: HTTP {}", event.type(), event.reason(), involved.getKind(), namespace,
          involved.getName(), e.getCode());
    } catch (RuntimeException e) {
      LOG.warn("could not record {} event {} on {} {}/{}: {}", event.type(), event.reason(), involved.getKind(), namespace,
          involved.getName(), e.getClass().getSimpleName());
    }
  }

  /** Count one more occurrence on the existing Event; false when it is gone (then a new one is made). */
  private boolean bump(String namespace, Seen before, Instant now) {
    String patch = "{\"count\":" + (before.count() + 1) + ",\"lastTimestamp\":\"" + StatusChange.time(now) + "\"}";
    try {
      client.v1().events().inNamespace(namespace).withName(before.eventName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return false;
      throw e;
    }
  }

  private Event newEvent(ObjectReference involved, String namespace, String name, SyncEvent event, Instant now) {
    String time = StatusChange.time(now);
    return new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withInvolvedObject(involved)
        .withType(event.type().name())
        .withReason(event.reason())
        .withMessage(event.message())
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(instance)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .build();
  }

  private long uniqueNanos(Instant now) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return lastNanos.updateAndGet(prev -> Math.max(prev + 1, nanos));
  }

  private Seen remembered(Key key) {
    synchronized (seen) {
      return seen.get(key);
    }
  }

  private void remember(Key key, Seen value) {
    synchronized (seen) {
      seen.put(key, value);
    }
  }
}
