package io.secretgate.inject;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * What the injector does to one Pod.
 *
 * @param request what the annotations ask for (no Secrets when the Pod does not ask)
 * @param pod the Pod after injection (a copy; the same tree when nothing changes)
 * @param patch the JSON Patch from the given Pod to {@code pod}; empty when nothing changes
 * @param warnings about the annotations themselves (e.g. one listing no Secret)
 */
public record Injection(InjectionRequest request, JsonNode pod, Optional<ArrayNode> patch, List<String> warnings) {
  public Injection {
    warnings = List.copyOf(warnings);
    if (patch.isPresent() && patch.get().isEmpty()) throw new IllegalArgumentException("an empty patch is no patch");
  }
}
