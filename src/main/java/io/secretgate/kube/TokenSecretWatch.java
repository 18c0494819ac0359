package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.secretgate.secrets.DataHash;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the Secrets that hold stores' Vault tokens, each through its own informer selected by
 * name ({@code fieldSelector=metadata.name=...}): token Secrets are usually not managed Secrets, so
 * the label-selected informer does not see them, and watching every Secret of the cluster is what
 * this project avoids. Only a digest of each Secret's data is kept, never the token. The callback
 * runs when the data of a watched Secret changes, appears after it was seen missing or deleted, or
 * goes away; not for its first sighting and not for a change of metadata alone.
 */
public final class TokenSecretWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSecretWatch.class);
  private static final String GONE = "<gone>";

  /** A Secret by namespace and name. */
  public record Ref(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /** Makes a watch that calls {@code onChange}. */
  @FunctionalInterface
  public interface Factory {
    TokenSecretWatch create(Consumer<Ref> onChange);
  }

  private final KubernetesClient client;
  private final Consumer<Ref> onChange;
  private final Map<Ref, SharedIndexInformer<Secret>> informers = new HashMap<>();
  private final Map<Ref, String> seen = new ConcurrentHashMap<>();

  public TokenSecretWatch(KubernetesClient client, Consumer<Ref> onChange) {
    this.client = client;
    this.onChange = onChange;
  }

  /** Watches exactly {@code refs}: starts the informers that are missing, stops those no longer wanted. */
  public synchronized void watchExactly(Set<Ref> refs) {
    informers.entrySet().removeIf(e -> {
      if (refs.contains(e.getKey())) return false;
      e.getValue().stop();
      seen.remove(e.getKey());
      return true;
    });
    for (Ref ref : refs) {
      if (informers.containsKey(ref)) continue;
      try {
        SharedIndexInformer<Secret> informer = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).inform(handler(ref));
        informers.put(ref, informer);
        if (informer.getStore().list().isEmpty()) seen.putIfAbsent(ref, GONE); // so that its creation counts as a change

      } catch (KubernetesClientException e) {
        LOG.warn("cannot watch token Secret {} (HTTP {}); a rotated token is still read at the next sync", ref, e.getCode());
      }
    }
  }

  /** The Secrets watched now. */
  public synchronized Set<Ref> watched() {
    return Set.copyOf(informers.keySet());
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
    seen.clear();
  }

  private ResourceEventHandler<Secret> handler(Ref ref) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Secret s) {
        observed(ref, digest(s));
      }

      @Override
      public void onUpdate(Secret before, Secret after) {
        observed(ref, digest(after));
      }

      @Override
      public void onDelete(Secret s, boolean finalStateUnknown) {
        observed(ref, GONE);
      }
    };
  }

  private void observed(Ref ref, String digest) {
    String before = seen.put(ref, digest);
    if (before != null && !before.equals(digest)) onChange.accept(ref);
  }

  private static String digest(Secret s) {
    Map<String, String> data = s.getData() == null ? Map.of() : new TreeMap<>(s.getData());
    return DataHash.ofString(data.toString());
  }
}
