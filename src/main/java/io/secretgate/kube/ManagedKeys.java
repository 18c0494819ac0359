package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import io.secretgate.api.SecretgateKeys;
import io.secretgate.secrets.DataHash;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data keys, labels and annotations one ExternalSecret wrote on a Secret: names only, never
 * values. Kept per ExternalSecret, in the annotation {@link #annotationName(String)}, as
 * {@code {"annotations":[...],"data":[...],"labels":[...]}} (sorted), so that ExternalSecrets merging
 * into one Secret never remove each other's keys. A Secret last written by ESO has no such annotation;
 * ESO's own managedFields entry (manager {@code externalsecrets.external-secrets.io/<es-name>}) says
 * the same thing and is read instead. The single list of earlier releases
 * ({@value SecretgateKeys#ANNOTATION_LEGACY_MANAGED_KEYS}) cannot say whose keys it names, so it is
 * believed only on a Secret the ExternalSecret controls (creationPolicy Owner: one writer). Unknown or
 * unreadable bookkeeping means "nothing is ours", so nothing foreign is ever removed.
 */
record ManagedKeys(SortedSet<String> data, SortedSet<String> labels, SortedSet<String> annotations) {
  static final ManagedKeys NONE = new ManagedKeys(Set.of(), Set.of(), Set.of());
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ESO_MANAGER = "externalsecrets.external-secrets.io/";
  /** The longest name part of an annotation key (after the prefix's {@code /}). */
  private static final int MAX_NAME_PART = 63;

  ManagedKeys(Collection<String> data, Collection<String> labels, Collection<String> annotations) {
    this(new TreeSet<>(data), new TreeSet<>(labels), new TreeSet<>(annotations));
  }

  /**
   * The annotation holding the bookkeeping of the ExternalSecret {@code esName}: always a valid
   * annotation key (an ExternalSecret name is a DNS subdomain of up to 253 characters; a name part at
   * most 63, so a longer name is replaced by its SHA3-224, as ESO does for its field managers; the
   * {@code _} cannot occur in an ExternalSecret name, so the two forms never collide).
   */
  static String annotationName(String esName) {
    String part = esName.length() <= MAX_NAME_PART ? esName : "sha3_" + DataHash.ofString(esName);
    return SecretgateKeys.ANNOTATION_MANAGED_KEYS_PREFIX + part;
  }

  /** What {@code existing} says was written by the ExternalSecret named {@code esName}. */
  static ManagedKeys of(Secret existing, String esName) {
    Map<String, String> annotations = annotations(existing);
    String own = annotations.get(annotationName(esName));
    if (own != null) return parse(own);
    String legacy = annotations.get(SecretgateKeys.ANNOTATION_LEGACY_MANAGED_KEYS);
    boolean controlled = Ownership.controllerOf(existing).map(r -> Ownership.refersTo(r, esName)).orElse(false);
    if (legacy != null && controlled) return parse(legacy);
    return fromEsoManagedFields(existing.getMetadata().getManagedFields(), esoManagers(esName)::contains);
  }

  /** What {@code existing} says was written by ExternalSecrets other than {@code esName} (ours or ESO's). */
  static ManagedKeys ofOthers(Secret existing, String esName) {
    String own = annotationName(esName);
    ManagedKeys others = fromEsoManagedFields(existing.getMetadata().getManagedFields(),
        m -> m != null && m.startsWith(ESO_MANAGER) && !esoManagers(esName).contains(m));
    for (Map.Entry<String, String> e : annotations(existing).entrySet()) {
      if (e.getKey().startsWith(SecretgateKeys.ANNOTATION_MANAGED_KEYS_PREFIX) && !e.getKey().equals(own)) {
        others = others.plus(parse(e.getValue()));
      }
    }
    return others;
  }

  /**
   * {@code annotations} with the bookkeeping of {@code esName} set to {@code keys} (removed when null),
   * and the single list of earlier releases dropped: after this write it would be stale.
   */
  static void record(Map<String, String> annotations, String esName, ManagedKeys keys) {
    annotations.remove(SecretgateKeys.ANNOTATION_LEGACY_MANAGED_KEYS);
    if (keys == null) annotations.remove(annotationName(esName));
    else annotations.put(annotationName(esName), keys.toAnnotation());
  }

  static ManagedKeys parse(String annotation) {
    try {
      JsonNode root = JSON.readTree(annotation);
      return new ManagedKeys(names(root.get("data")), names(root.get("labels")), names(root.get("annotations")));
    } catch (JacksonException e) {
      return NONE;
    }
  }

  String toAnnotation() {
    return "{\"annotations\":" + array(annotations) + ",\"data\":" + array(data) + ",\"labels\":" + array(labels) + "}";
  }

  /** These names without those {@code others} also claim: what this ExternalSecret alone may remove. */
  ManagedKeys minus(ManagedKeys others) {
    return new ManagedKeys(without(data, others.data), without(labels, others.labels), without(annotations, others.annotations));
  }

  private ManagedKeys plus(ManagedKeys more) {
    return new ManagedKeys(with(data, more.data), with(labels, more.labels), with(annotations, more.annotations));
  }

  private static SortedSet<String> without(SortedSet<String> a, Set<String> b) {
    SortedSet<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static SortedSet<String> with(SortedSet<String> a, Set<String> b) {
    SortedSet<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private static Map<String, String> annotations(Secret s) {
    Map<String, String> annotations = s.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private static SortedSet<String> names(JsonNode node) {
    SortedSet<String> out = new TreeSet<>();
    if (node != null && node.isArray()) node.forEach(n -> { if (n.isString()) out.add(n.asString()); });
    return out;
  }

  private static String array(SortedSet<String> names) {
    return JSON.writeValueAsString(List.copyOf(names));
  }

  private static Set<String> esoManagers(String esName) {
    return esName == null ? Set.of() : Set.of(ESO_MANAGER + esName, ESO_MANAGER + "sha3/" + DataHash.ofString(esName));
  }

  /** ESO's bookkeeping: the {@code f:data}, {@code f:metadata.f:labels/f:annotations} of the field managers chosen. */
  private static ManagedKeys fromEsoManagedFields(List<ManagedFieldsEntry> entries, Predicate<String> manager) {
    if (entries == null) return NONE;
    SortedSet<String> data = new TreeSet<>();
    SortedSet<String> labels = new TreeSet<>();
    SortedSet<String> annotations = new TreeSet<>();
    for (ManagedFieldsEntry entry : entries) {
      if (!manager.test(entry.getManager()) || entry.getFieldsV1() == null) continue;
      Map<String, Object> fields = entry.getFieldsV1().getAdditionalProperties();
      data.addAll(fieldNames(fields.get("f:data")));
      if (fields.get("f:metadata") instanceof Map<?, ?> meta) {
        labels.addAll(fieldNames(meta.get("f:labels")));
        annotations.addAll(fieldNames(meta.get("f:annotations")));
      }
    }
    return new ManagedKeys(data, labels, annotations);
  }

  private static Set<String> fieldNames(Object node) {
    Set<String> out = new TreeSet<>();
    if (node instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        String k = String.valueOf(key);
        if (k.startsWith("f:")) out.add(k.substring(2));
      }
    }
    return out;
  }
}
