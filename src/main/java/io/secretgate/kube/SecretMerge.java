package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.secrets.DataHash;
import io.secretgate.secrets.DesiredSecret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Secret to send, given the one in the cluster (or none) and the one ESO would write. Pure.
 *
 * <ul>
 *   <li>data: exactly the desired data for Owner/Orphan; for Merge/CreateOrMerge the existing data minus
 *       the keys we wrote last time, plus the desired data;
 *   <li>labels and annotations: the existing ones minus those we wrote last time (and minus created-by
 *       unless Owner), plus the desired ones, for every policy (ESO keeps foreign metadata too);
 *   <li>data-hash over the resulting data, and {@link ManagedKeys} naming what this ExternalSecret wrote
 *       (an entry another ExternalSecret also wrote is never removed);
 *   <li>our controller ownerReference for Owner (replacing a stale one to the same ExternalSecret in
 *       place), removed otherwise; other owner references untouched;
 *   <li>type: the desired one, except that the default {@code Opaque} never replaces an existing type;
 *       immutable when desired; template finalizers added, never removed.
 * </ul>
 */
final class SecretMerge {
  private SecretMerge() {}

  static Secret merge(Secret existing, DesiredSecret desired, ExternalSecret owner) {
    String esName = owner.getMetadata().getName();
    ManagedKeys before = existing == null ? ManagedKeys.NONE : ManagedKeys.of(existing, esName).minus(ManagedKeys.ofOthers(existing, esName));
    CreationPolicy policy = desired.creationPolicy();

    TreeMap<String, String> data = new TreeMap<>();
    if (existing != null && keepsForeignData(policy)) {
      data.putAll(orEmpty(existing.getData()));
      before.data().forEach(data::remove);
    }
    desired.data().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v)));

    TreeMap<String, String> labels = new TreeMap<>(existing == null ? Map.of() : orEmpty(existing.getMetadata().getLabels()));
    before.labels().forEach(labels::remove);
    if (policy != CreationPolicy.Owner) labels.remove(ManagedSecretKeys.LABEL_CREATED_BY);
    labels.putAll(desired.labels());

    TreeMap<String, String> annotations = new TreeMap<>(existing == null ? Map.of() : orEmpty(existing.getMetadata().getAnnotations()));
    before.annotations().forEach(annotations::remove);
    annotations.putAll(desired.annotations());
    annotations.put(ManagedSecretKeys.ANNOTATION_DATA_HASH, dataHash(data));
    ManagedKeys.record(annotations, esName,
        new ManagedKeys(desired.data().keySet(), desired.labels().keySet(), desired.annotations().keySet()));

    ObjectMeta meta = existing == null
        ? new ObjectMetaBuilder().withName(desired.name()).withNamespace(desired.namespace()).build()
        : new ObjectMetaBuilder(existing.getMetadata()).build();
    meta.setLabels(labels);
    meta.setAnnotations(annotations);
    meta.setOwnerReferences(ownerReferences(existing, policy, owner));
    meta.setFinalizers(finalizers(existing, desired));

    return new SecretBuilder()
        .withMetadata(meta)
        .withType(type(existing, desired))
        .withImmutable(desired.immutable() ? Boolean.TRUE : existing == null ? null : existing.getImmutable())
        .withData(data)
        .build();
  }

  /**
   * The Secret with the keys this ExternalSecret wrote removed from its data (labels, annotations and
   * owners kept; a key another ExternalSecret also wrote stays), the data-hash brought up to date and
   * this ExternalSecret's bookkeeping removed: the "remove only our keys" write of its deletion.
   */
  static Secret withoutManagedData(Secret existing, String esName) {
    ManagedKeys ours = ManagedKeys.of(existing, esName).minus(ManagedKeys.ofOthers(existing, esName));
    TreeMap<String, String> data = new TreeMap<>(orEmpty(existing.getData()));
    ours.data().forEach(data::remove);
    TreeMap<String, String> annotations = new TreeMap<>(orEmpty(existing.getMetadata().getAnnotations()));
    annotations.put(ManagedSecretKeys.ANNOTATION_DATA_HASH, dataHash(data));
    ManagedKeys.record(annotations, esName, null);
    ObjectMeta meta = new ObjectMetaBuilder(existing.getMetadata()).build();
    meta.setAnnotations(annotations);
    return new SecretBuilder(existing).withMetadata(meta).withData(data).build();
  }

  /** True when writing {@code next} over {@code existing} would change nothing we manage. */
  static boolean sameContent(Secret existing, Secret next) {
    return sameData(existing, next)
        && orEmpty(existing.getMetadata().getLabels()).equals(orEmpty(next.getMetadata().getLabels()))
        && orEmpty(existing.getMetadata().getAnnotations()).equals(orEmpty(next.getMetadata().getAnnotations()))
        && orEmpty(existing.getMetadata().getOwnerReferences()).equals(orEmpty(next.getMetadata().getOwnerReferences()))
        && orEmpty(existing.getMetadata().getFinalizers()).equals(orEmpty(next.getMetadata().getFinalizers()))
        && Objects.equals(existing.getType(), next.getType())
        && Boolean.TRUE.equals(existing.getImmutable()) == Boolean.TRUE.equals(next.getImmutable());
  }

  static boolean sameData(Secret existing, Secret next) {
    return orEmpty(existing.getData()).equals(orEmpty(next.getData()));
  }

  private static boolean keepsForeignData(CreationPolicy policy) {
    return policy == CreationPolicy.Merge || policy == CreationPolicy.CreateOrMerge;
  }

  /** The data-hash of base64 data as Kubernetes returns it (the value of ESO's data-hash annotation). */
  static String dataHash(Map<String, String> base64Data) {
    TreeMap<String, byte[]> bytes = new TreeMap<>();
    base64Data.forEach((k, v) -> bytes.put(k, v == null ? new byte[0] : Base64.getDecoder().decode(v)));
    return DataHash.ofData(bytes);
  }

  private static List<OwnerReference> ownerReferences(Secret existing, CreationPolicy policy, ExternalSecret owner) {
    List<OwnerReference> refs = new ArrayList<>(existing == null ? List.of() : orEmpty(existing.getMetadata().getOwnerReferences()));
    int ours = -1;
    for (int i = 0; i < refs.size(); i++) {
      if (Ownership.refersTo(refs.get(i), owner.getMetadata().getName())) ours = i;
    }
    if (policy == CreationPolicy.Owner) {
      OwnerReference ref = Ownership.controllerReference(owner);
      if (ours >= 0) refs.set(ours, ref);
      else refs.add(ref);
    } else if (ours >= 0) {
      refs.remove(ours);
    }
    return refs;
  }

  private static List<String> finalizers(Secret existing, DesiredSecret desired) {
    LinkedHashSet<String> out = new LinkedHashSet<>(existing == null ? List.of() : orEmpty(existing.getMetadata().getFinalizers()));
    boolean deleting = existing != null && existing.getMetadata().getDeletionTimestamp() != null;
    if (!deleting) out.addAll(desired.finalizers());
    return new ArrayList<>(out);
  }

  private static String type(Secret existing, DesiredSecret desired) {
    if (existing == null || existing.getType() == null) return desired.type();
    return DesiredSecret.DEFAULT_TYPE.equals(desired.type()) ? existing.getType() : desired.type();
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
