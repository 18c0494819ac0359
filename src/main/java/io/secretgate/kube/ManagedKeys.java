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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data keys, labels and annotations secretgate wrote on a Secret: names only, never values. Kept
 * in the annotation {@value SecretgateKeys#ANNOTATION_MANAGED_KEYS} as
 * {@code {"annotations":[...],"data":[...],"labels":[...]}} (sorted). A Secret last written by ESO has
 * no such annotation; ESO's own managedFields entry (manager
 * {@code externalsecrets.external-secrets.io/<es-name>}) says the same thing and is read instead.
 * Unknown or unreadable bookkeeping means "nothing is ours", so nothing foreign is ever removed.
 */
record ManagedKeys(SortedSet<String> data, SortedSet<String> labels, SortedSet<String> annotations) {
  static final ManagedKeys NONE = new ManagedKeys(Set.of(), Set.of(), Set.of());
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ESO_MANAGER = "externalsecrets.external-secrets.io/";

  ManagedKeys(Collection<String> data, Collection<String> labels, Collection<String> annotations) {
    this(new TreeSet<>(data), new TreeSet<>(labels), new TreeSet<>(annotations));
  }

  /** What {@code existing} says was written by the ExternalSecret named {@code esName}. */
  static ManagedKeys of(Secret existing, String esName) {
    Map<String, String> annotations = existing.getMetadata().getAnnotations();
    String own = annotations == null ? null : annotations.get(SecretgateKeys.ANNOTATION_MANAGED_KEYS);
    if (own != null) return parse(own);
    return fromEsoManagedFields(existing.getMetadata().getManagedFields(), esName);
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

  ManagedKeys withoutData() {
    return new ManagedKeys(Set.of(), labels, annotations);
  }

  private static SortedSet<String> names(JsonNode node) {
    SortedSet<String> out = new TreeSet<>();
    if (node != null && node.isArray()) node.forEach(n -> { if (n.isString()) out.add(n.asString()); });
    return out;
  }

  private static String array(SortedSet<String> names) {
    return JSON.writeValueAsString(List.copyOf(names));
  }

  /** ESO's bookkeeping: the {@code f:data}, {@code f:metadata.f:labels/f:annotations} of its field manager. */
  static ManagedKeys fromEsoManagedFields(List<ManagedFieldsEntry> entries, String esName) {
    if (entries == null || esName == null) return NONE;
    Set<String> managers = Set.of(ESO_MANAGER + esName, ESO_MANAGER + "sha3/" + DataHash.ofString(esName));
    SortedSet<String> data = new TreeSet<>();
    SortedSet<String> labels = new TreeSet<>();
    SortedSet<String> annotations = new TreeSet<>();
    for (ManagedFieldsEntry entry : entries) {
      if (!managers.contains(entry.getManager()) || entry.getFieldsV1() == null) continue;
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
