package io.secretgate.secrets;

import io.secretgate.api.CreationPolicy;
import io.secretgate.secrets.json.GoJson;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Secret ESO would write: everything the ExternalSecret controls. Maps are sorted the way Go
 * sorts keys. {@code creationPolicy} says how the controller writes it (Owner/Orphan/CreateOrMerge:
 * create or update; Merge: update only if it exists; None: do not write).
 *
 * <p>{@code toString()} lists keys only, never data values.
 */
public record DesiredSecret(
    String name,
    String namespace,
    String type,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations,
    SortedMap<String, byte[]> data,
    boolean immutable,
    Optional<OwnerReference> ownerReference,
    List<String> finalizers,
    CreationPolicy creationPolicy) {

  /** Kubernetes' default Secret type, used when the template sets none. */
  public static final String DEFAULT_TYPE = "Opaque";

  public DesiredSecret {
    labels = Collections.unmodifiableSortedMap(copy(labels));
    annotations = Collections.unmodifiableSortedMap(copy(annotations));
    TreeMap<String, byte[]> d = new TreeMap<>(GoJson.UTF8_ORDER);
    data.forEach((k, v) -> d.put(k, v == null ? new byte[0] : v.clone()));
    data = Collections.unmodifiableSortedMap(d);
    finalizers = List.copyOf(finalizers);
  }

  private static <V> TreeMap<String, V> copy(Map<String, V> in) {
    TreeMap<String, V> out = new TreeMap<>(GoJson.UTF8_ORDER);
    out.putAll(in);
    return out;
  }

  /** The value of the data-hash annotation ({@link DataHash#ofData} of {@link #data()}). */
  public String dataHash() {
    return annotations.get(io.secretgate.api.ManagedSecretKeys.ANNOTATION_DATA_HASH);
  }

  @Override
  public String toString() {
    return "DesiredSecret[" + namespace + "/" + name + ", type=" + type + ", keys=" + data.keySet()
        + ", labels=" + labels.keySet() + ", annotations=" + annotations.keySet() + "]";
  }
}
