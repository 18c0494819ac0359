package io.secretgate.inject;

import static io.secretgate.manifest.JsonShape.describe;

import io.secretgate.api.SecretgateKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of a Pod (as JSON) the injector reads, checked for shape where it reads them: a field
 * that holds the wrong type is MALFORMED, naming the field; everything else of the Pod is left to the
 * API server. {@code null} counts as absent, as the API server decodes it.
 */
final class PodView {
  private static final Set<String> OUR_ANNOTATIONS = Set.of(
      SecretgateKeys.ANNOTATION_INJECT_ENV_FROM, SecretgateKeys.ANNOTATION_INJECT_CONTAINERS, SecretgateKeys.ANNOTATION_INJECT_STATUS);

  private final JsonNode pod;

  private PodView(JsonNode pod) {
    this.pod = pod;
  }

  /**
   * One container or init container.
   *
   * @param list {@code containers} or {@code initContainers}
   * @param index its position in that list
   * @param secretRefs the Secrets its envFrom already references (prefix or not)
   */
  record Container(String list, int index, String name, Set<String> secretRefs) {}

  static PodView of(JsonNode pod) throws InjectionException {
    if (!pod.isObject()) throw InjectionException.malformed("the object is " + describe(pod) + ", not a Pod");
    return new PodView(pod);
  }

  /** secretgate's annotations (the only ones read); empty when the Pod has none. */
  Map<String, String> annotations() throws InjectionException {
    JsonNode metadata = present(pod.get("metadata"));
    if (metadata == null) return Map.of();
    if (!metadata.isObject()) throw InjectionException.malformed("metadata holds " + describe(metadata) + ", not a map");
    JsonNode annotations = present(metadata.get("annotations"));
    if (annotations == null) return Map.of();
    if (!annotations.isObject()) throw InjectionException.malformed("metadata.annotations holds " + describe(annotations) + ", not a map");
    Map<String, String> ours = new HashMap<>();
    for (String key : OUR_ANNOTATIONS) {
      JsonNode value = annotations.get(key);
      if (value == null) continue;
      if (!value.isString()) {
        throw InjectionException.malformed(InjectionRequest.field(key) + " holds " + describe(value) + "; annotation values are strings");
      }
      ours.put(key, value.asString());
    }
    return ours;
  }

  /** The init containers, then the containers. */
  List<Container> containers() throws InjectionException {
    JsonNode spec = present(pod.get("spec"));
    if (spec == null || !spec.isObject()) throw InjectionException.malformed("spec " + (spec == null ? "is missing" : "holds " + describe(spec)) + "; a Pod has a spec map");
    List<Container> out = new ArrayList<>();
    for (String list : PodInjector.CONTAINER_LISTS) {
      JsonNode items = present(spec.get(list));
      if (items == null) continue;
      if (!items.isArray()) throw InjectionException.malformed("spec." + list + " holds " + describe(items) + ", not a list");
      for (int i = 0; i < items.size(); i++) out.add(container(items.get(i), list, i));
    }
    return out;
  }

  /** The names of the ephemeral containers (never injected into), read leniently. */
  List<String> ephemeralContainerNames() {
    List<String> names = new ArrayList<>();
    for (JsonNode c : pod.path("spec").path("ephemeralContainers")) {
      if (c.path("name").isString()) names.add(c.path("name").asString());
    }
    return names;
  }

  /** The node of {@code c} in {@code pod} (a copy of the Pod the view was made of). */
  static ObjectNode containerIn(ObjectNode pod, Container c) {
    return (ObjectNode) pod.get("spec").get(c.list()).get(c.index());
  }

  /** The annotations map of {@code pod}, which has one (it carries the injection annotation). */
  static ObjectNode annotationsIn(ObjectNode pod) {
    return (ObjectNode) pod.get("metadata").get("annotations");
  }

  private static Container container(JsonNode c, String list, int index) throws InjectionException {
    String field = "spec." + list + "[" + index + "]";
    if (!c.isObject()) throw InjectionException.malformed(field + " holds " + describe(c) + ", not a container map");
    JsonNode name = c.get("name");
    if (name == null || !name.isString() || name.asString().isEmpty()) throw InjectionException.malformed(field + ".name is missing or not a string");
    Set<String> refs = new LinkedHashSet<>();
    JsonNode envFrom = present(c.get("envFrom"));
    if (envFrom != null) {
      if (!envFrom.isArray()) throw InjectionException.malformed(field + ".envFrom holds " + describe(envFrom) + ", not a list");
      for (int i = 0; i < envFrom.size(); i++) {
        String entry = field + ".envFrom[" + i + "]";
        JsonNode source = envFrom.get(i);
        if (!source.isObject()) throw InjectionException.malformed(entry + " holds " + describe(source) + ", not a map");
        JsonNode ref = present(source.get("secretRef"));
        if (ref == null) continue;
        if (!ref.isObject()) throw InjectionException.malformed(entry + ".secretRef holds " + describe(ref) + ", not a map");
        JsonNode refName = present(ref.get("name"));
        if (refName == null) continue;
        if (!refName.isString()) throw InjectionException.malformed(entry + ".secretRef.name holds " + describe(refName) + ", not a string");
        refs.add(refName.asString());
      }
    }
    return new Container(list, index, name.asString(), refs);
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }
}
