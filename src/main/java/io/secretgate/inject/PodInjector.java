package io.secretgate.inject;

import io.secretgate.api.SecretgateKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Pod injector (DESIGN.md "Injection"): every container and init container the annotations
 * target (never an ephemeral container) gets an {@code envFrom: {secretRef: {name}}} for each listed
 * Secret it does not already reference through {@code envFrom[].secretRef} (with or without a
 * prefix), appended after its existing entries in annotation order; the marker
 * {@code secretgate.io/inject-status: injected} is added when missing. Whether a container gets a
 * Secret is decided from the container, never from the marker, so a second call after another
 * webhook added a sidecar injects into the sidecar and nothing twice. The Pod given is never
 * changed: a deep copy is mutated and the patch is the diff of the two ({@link PodPatch}).
 */
public final class PodInjector {
  /** The container lists injected into; {@code ephemeralContainers} never is. */
  static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers");

  private PodInjector() {}

  /**
   * The injection into {@code pod} (a Pod object as JSON).
   *
   * @throws InjectionException MALFORMED where the Pod is not shaped like a Pod in the fields the injector
   *     reads; INVALID for a bad Secret name or inject-containers naming a container the Pod lacks
   */
  public static Injection inject(JsonNode pod) throws InjectionException {
    PodView view = PodView.of(pod);
    Map<String, String> annotations = view.annotations();
    if (!annotations.containsKey(SecretgateKeys.ANNOTATION_INJECT_ENV_FROM)) {
      List<String> warnings = annotations.containsKey(SecretgateKeys.ANNOTATION_INJECT_CONTAINERS)
          ? List.of(InjectionRequest.CONTAINERS_FIELD + " has no effect without " + SecretgateKeys.ANNOTATION_INJECT_ENV_FROM)
          : List.of();
      return unchanged(new InjectionRequest(List.of(), Optional.empty()), pod, warnings);
    }
    InjectionRequest request = InjectionRequest.parse(annotations);
    if (request.secrets().isEmpty()) {
      return unchanged(request, pod, List.of(InjectionRequest.ENV_FROM_FIELD + " lists no Secret; nothing injected"));
    }
    List<PodView.Container> containers = view.containers();
    checkTargetsExist(request, containers, view.ephemeralContainerNames());

    ObjectNode copy = (ObjectNode) pod.deepCopy();
    for (PodView.Container c : containers) {
      if (request.targets(c.name())) appendMissing(PodView.containerIn(copy, c), c, request.secrets());
    }
    PodView.annotationsIn(copy).putIfAbsent(SecretgateKeys.ANNOTATION_INJECT_STATUS, copy.stringNode(SecretgateKeys.INJECT_STATUS_INJECTED));

    ArrayNode patch = PodPatch.diff(pod, copy);
    if (patch.isEmpty()) return unchanged(request, pod, List.of());
    return new Injection(request, copy, Optional.of(patch), List.of());
  }

  private static Injection unchanged(InjectionRequest request, JsonNode pod, List<String> warnings) {
    return new Injection(request, pod, Optional.empty(), warnings);
  }

  /** Appends to the container's envFrom a secretRef for each of {@code secrets} it does not reference yet. */
  private static void appendMissing(ObjectNode container, PodView.Container shape, List<String> secrets) {
    for (String secret : secrets) {
      if (shape.secretRefs().contains(secret)) continue;
      JsonNode envFrom = container.get("envFrom");
      ArrayNode list = envFrom instanceof ArrayNode a ? a : container.putArray("envFrom");
      list.addObject().putObject("secretRef").put("name", secret);
    }
  }

  private static void checkTargetsExist(InjectionRequest request, List<PodView.Container> containers, List<String> ephemeral)
      throws InjectionException {
    if (request.containers().isEmpty()) return;
    Map<String, PodView.Container> byName = new LinkedHashMap<>();
    containers.forEach(c -> byName.putIfAbsent(c.name(), c));
    List<String> problems = new ArrayList<>();
    for (String name : request.containers().get()) {
      if (byName.containsKey(name)) continue;
      if (ephemeral.contains(name)) {
        problems.add(InjectionRequest.CONTAINERS_FIELD + ": \"" + name + "\" is an ephemeral container; secretgate never injects into those");
      } else {
        problems.add(InjectionRequest.CONTAINERS_FIELD + ": the Pod has no container or init container named \"" + name + "\" (it has: "
            + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
      }
    }
    if (!problems.isEmpty()) throw new InjectionException(InjectionException.Kind.INVALID, problems);
  }
}
