package io.secretgate.inject;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The diff-made patch in the shapes that break hand-made injector patches (webhook-facts.md §1.4). */
class PodPatchTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static JsonNode tree(String json) {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void a_missing_annotations_map_is_added_whole_with_escaped_keys_inside_the_value() {
    JsonNode original = tree("{'metadata':{'name':'p'},'spec':{}}");
    ObjectNode changed = (ObjectNode) original.deepCopy();
    ((ObjectNode) changed.get("metadata")).putObject("annotations").put("secretgate.io/inject-status", "injected");
    ArrayNode patch = PodPatch.diff(original, changed);
    assertThat(patch).isEqualTo(tree("[{'op':'add','path':'/metadata/annotations','value':{'secretgate.io/inject-status':'injected'}}]"));
    assertThat(JsonPatch.apply(patch, original)).isEqualTo(changed);
  }

  @Test
  void a_key_with_a_slash_or_a_tilde_is_escaped_in_the_path() {
    JsonNode original = tree("{'metadata':{'annotations':{'a':'b'}}}");
    ObjectNode changed = (ObjectNode) original.deepCopy();
    ((ObjectNode) changed.at("/metadata/annotations")).put("secretgate.io/inject-status", "injected").put("x~y", "z");
    ArrayNode patch = PodPatch.diff(original, changed);
    assertThat(patch.findValuesAsString("path")).containsExactlyInAnyOrder(
        "/metadata/annotations/secretgate.io~1inject-status", "/metadata/annotations/x~0y");
    assertThat(JsonPatch.apply(patch, original)).isEqualTo(changed);
  }

  @Test
  void a_missing_env_from_list_is_added_whole_never_appended_to_with_a_dash() {
    JsonNode original = tree("{'spec':{'containers':[{'name':'a'},{'name':'b','envFrom':[{'configMapRef':{'name':'c'}}]}]}}");
    ObjectNode changed = (ObjectNode) original.deepCopy();
    ((ObjectNode) changed.at("/spec/containers/0")).putArray("envFrom").addObject().putObject("secretRef").put("name", "s");
    ((ArrayNode) changed.at("/spec/containers/1/envFrom")).addObject().putObject("secretRef").put("name", "s");
    ArrayNode patch = PodPatch.diff(original, changed);
    assertThat(patch.findValuesAsString("path")).contains("/spec/containers/0/envFrom").noneMatch(p -> p.endsWith("/-"));
    assertThat(patch.findValuesAsString("op")).containsOnly("add");
    assertThat(JsonPatch.apply(patch, original)).isEqualTo(changed);
  }

  @Test
  void equal_objects_give_an_empty_patch() {
    JsonNode pod = tree("{'spec':{'containers':[{'name':'a'}]}}");
    assertThat(PodPatch.diff(pod, pod.deepCopy())).isEmpty();
  }
}
