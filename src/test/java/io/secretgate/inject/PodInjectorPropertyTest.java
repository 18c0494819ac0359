package io.secretgate.inject;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of random Pods and annotations from a seeded {@link Random} (each failure message names
 * the seed of its Pod; set {@code -Dsecretgate.injectSeed=N} to change the base seed). For every
 * Pod: the patch applied to it gives exactly the injected Pod; the injected Pod sent through again
 * gets no patch; no targeted container ends with a Secret referenced twice that it had at most once;
 * each container's existing envFrom entries stay first, in their order; ephemeral and untargeted
 * containers are untouched; every listed Secret ends up in every targeted container; and the patch
 * touches nothing but envFrom lists and the marker.
 */
class PodInjectorPropertyTest {
  static final long BASE_SEED = Long.getLong("secretgate.injectSeed", 20261128L);
  static final int RUNS = 3000;
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String[] SECRETS = {"db", "api-keys", "tls.bundle", "s3", "legacy-config"};
  static final String[] CONTAINERS = {"app", "worker", "sidecar", "istio-proxy", "migrate", "init-db", "vault-agent"};

  @Test
  void injection_is_exact_idempotent_duplicate_free_and_order_keeping() throws Exception {
    Random seeds = new Random(BASE_SEED);
    for (int run = 0; run < RUNS; run++) {
      long seed = seeds.nextLong();
      ObjectNode pod = randomPod(new Random(seed));
      String as = "seed " + seed + " (run " + run + ", base " + BASE_SEED + "): " + pod;
      Injection first;
      try {
        first = PodInjector.inject(pod);
      } catch (InjectionException e) {
        throw new AssertionError(as + ": refused " + e.reasons(), e);
      }
      JsonNode injected = first.pod();
      if (first.patch().isPresent()) {
        assertThat(JsonPatch.apply(first.patch().get(), pod)).as(as).isEqualTo(injected);
        first.patch().get().forEach(op -> assertThat(op.get("path").asString()).as(as)
            .matches("/spec/(initContainers|containers)/\\d+/envFrom(/\\d+)?|/metadata/annotations/secretgate\\.io~1inject-status"));
      } else {
        assertThat(injected).as(as).isEqualTo(pod);
      }
      Injection second = PodInjector.inject(injected);
      assertThat(second.patch()).as(as + ": sent through again").isEmpty();
      checkContainers(pod, injected, first.request(), as);
      assertThat(injected.at("/spec/ephemeralContainers")).as(as).isEqualTo(pod.at("/spec/ephemeralContainers"));
    }
  }

  static void checkContainers(JsonNode before, JsonNode after, InjectionRequest request, String as) {
    for (String list : List.of("initContainers", "containers")) {
      JsonNode was = before.at("/spec/" + list);
      JsonNode is = after.at("/spec/" + list);
      for (int i = 0; i < was.size(); i++) {
        JsonNode c0 = was.get(i);
        JsonNode c1 = is.get(i);
        String name = c0.get("name").asString();
        if (request.secrets().isEmpty() || !request.targets(name)) {
          assertThat(c1).as(as + ": untargeted " + name).isEqualTo(c0);
          continue;
        }
        List<JsonNode> old = entries(c0);
        List<JsonNode> now = entries(c1);
        assertThat(now.subList(0, Math.min(old.size(), now.size()))).as(as + ": existing entries first, in order, in " + name).isEqualTo(old);
        List<String> refsBefore = secretRefs(old);
        List<String> refsAfter = secretRefs(now);
        for (String s : request.secrets()) {
          long count = refsAfter.stream().filter(s::equals).count();
          assertThat(count).as(as + ": " + s + " in " + name).isEqualTo(Math.max(1, refsBefore.stream().filter(s::equals).count()));
        }
        List<String> added = refsAfter.subList(refsBefore.size(), refsAfter.size());
        assertThat(added).as(as + ": added in annotation order").isEqualTo(request.secrets().stream().filter(added::contains).toList());
      }
    }
  }

  static List<JsonNode> entries(JsonNode container) {
    List<JsonNode> out = new ArrayList<>();
    container.path("envFrom").forEach(out::add);
    return out;
  }

  static List<String> secretRefs(List<JsonNode> entries) {
    return entries.stream().filter(e -> e.path("secretRef").path("name").isString()).map(e -> e.path("secretRef").path("name").asString()).toList();
  }

  static ObjectNode randomPod(Random r) {
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata").put("generateName", "app-").put("namespace", "ns");
    List<String> names = shuffled(r, CONTAINERS);
    int initCount = r.nextInt(3);
    int count = 1 + r.nextInt(3);
    List<String> initNames = names.subList(0, initCount);
    List<String> mainNames = names.subList(initCount, initCount + count);
    if (r.nextInt(10) > 0) {
      ObjectNode annotations = meta.putObject("annotations");
      if (r.nextBoolean()) annotations.put("other.example.com/x", "y");
      if (r.nextInt(8) > 0) annotations.put("secretgate.io/inject-env-from", randomList(r, List.of(SECRETS)));
      if (r.nextInt(4) == 0) {
        List<String> all = new ArrayList<>(initNames);
        all.addAll(mainNames);
        List<String> some = shuffled(r, all.toArray(String[]::new)).subList(0, 1 + r.nextInt(all.size()));
        annotations.put("secretgate.io/inject-containers", randomList(r, some) + "," + some.get(0));
      }
      if (r.nextInt(5) == 0) annotations.put("secretgate.io/inject-status", "injected");
    }
    ObjectNode spec = pod.putObject("spec");
    if (initCount > 0 || r.nextBoolean()) containers(r, spec.putArray("initContainers"), initNames);
    containers(r, spec.putArray("containers"), mainNames);
    if (r.nextInt(4) == 0) spec.putArray("ephemeralContainers").addObject().put("name", "debugger").put("image", "busybox");
    return pod;
  }

  static void containers(Random r, ArrayNode list, List<String> names) {
    for (String name : names) {
      ObjectNode c = list.addObject().put("name", name).put("image", "img/" + name);
      int kind = r.nextInt(4);
      if (kind == 0) continue;
      if (kind == 1) {
        c.putNull("envFrom");
        continue;
      }
      ArrayNode envFrom = c.putArray("envFrom");
      for (String s : shuffled(r, SECRETS).subList(0, r.nextInt(3))) {
        ObjectNode ref = envFrom.addObject();
        if (r.nextBoolean()) ref.put("prefix", s.toUpperCase().replace('-', '_').replace('.', '_') + "_");
        ref.putObject("secretRef").put("name", s);
        if (r.nextInt(3) == 0) envFrom.addObject().putObject("configMapRef").put("name", "cm-" + r.nextInt(3));
      }
    }
  }

  /** A comma-separated list of some of {@code names}, with random spaces, empty entries and repeats. */
  static String randomList(Random r, List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int n = r.nextInt(6); n >= 0; n--) {
      if (sb.length() > 0 || r.nextBoolean()) sb.append(r.nextBoolean() ? "," : " , ");
      if (r.nextInt(6) > 0) sb.append(" ".repeat(r.nextInt(2))).append(names.get(r.nextInt(names.size())));
    }
    return sb.toString();
  }

  static List<String> shuffled(Random r, String[] items) {
    List<String> out = new ArrayList<>(List.of(items));
    java.util.Collections.shuffle(out, r);
    return out;
  }
}
