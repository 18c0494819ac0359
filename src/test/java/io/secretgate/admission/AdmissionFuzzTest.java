package io.secretgate.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.secretgate.api.ApiGroup;
import io.secretgate.api.SecretgateKeys;
import io.secretgate.api.StoreKind;
import io.secretgate.validation.ExternalSecretCheck;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.Store;
import io.secretgate.validation.StoreLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of random and mutated bodies (fixed seed, so a failure replays): no exception escapes,
 * the answer is an HTTP 400 error body or a well-formed v1 AdmissionReview, the uid is echoed
 * whenever the body carries one, and {@code allowed:true} never answers a checked request whose
 * ExternalSecret the plain check denies. Enforcement is deny everywhere here (the fixture's
 * namespace labels are hidden), so every denial of the check must stay a denial.
 */
class AdmissionFuzzTest {
  static final long SEED = 0x5EC12E7L;
  static final int RUNS = 6000;
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String[] OPERATIONS = {"CREATE", "UPDATE", "DELETE", "CONNECT", "PATCH", "", "create"};
  static final String[] API_VERSIONS = {"external-secrets.io/v1", "external-secrets.io/v1beta1", "external-secrets.io/v1alpha1", "v1", ""};
  static final String[] NAMESPACES = {"payments", "orders", "sandbox", "marketing", "legacy", "nowhere", ""};
  static final String[] KEYS = {"apps/payments/db", "infra/root-ca", "secret/data/apps/x", "kv/data/payments/stripe", "payments/stripe",
      "//apps//y//", "", "apps/*", "../infra/x", "secret/data", "apps/payments/db?version=2"};

  static final List<byte[]> SEEDS = new ArrayList<>();
  static StoreLookup stores;
  static PolicyOracle policy;
  static ValidatingAdmission admission;
  static ExternalSecretCheck plainCheck;

  @BeforeAll
  static void setUp() throws IOException {
    try (Stream<Path> files = Files.list(AdmissionFixtures.DIR.resolve("requests"))) {
      for (Path f : files.sorted().toList()) SEEDS.add(Files.readAllBytes(f));
    }
    StoreLookup cluster = AdmissionFixtures.cluster();
    stores = new StoreLookup() {
      @Override
      public Optional<Store> find(StoreKind kind, String name, String namespace) {
        return cluster.find(kind, name, namespace);
      }

      @Override
      public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return cluster.namespaceLabels(namespace).map(l -> {
          Map<String, String> without = new HashMap<>(l);
          without.remove(SecretgateKeys.LABEL_ENFORCEMENT);
          return without;
        });
      }
    };
    policy = AdmissionFixtures.policy();
    admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, stores, policy, AdmissionSettings.DEFAULTS);
    plainCheck = new ExternalSecretCheck(AdmissionFixtures.SCHEMAS, stores, policy);
  }

  /** What the runs covered, so that a generator that stops exploring fails the test. */
  static final class Tally {
    int badRequests;
    int allowed;
    int refused;
    int plainDenied;
    int plainAllowed;
  }

  @Test
  void random_and_mutated_bodies_never_escape_never_break_the_protocol_and_never_allow_what_the_check_denies() {
    Random random = new Random(SEED);
    Tally tally = new Tally();
    for (int run = 0; run < RUNS; run++) {
      byte[] body = body(random);
      AdmissionAnswer answer;
      try {
        answer = admission.answer(body);
      } catch (Throwable t) {
        fail("run " + run + ": " + t + " escaped for body " + preview(body));
        return;
      }
      verify(run, body, answer, tally);
    }
    assertThat(tally.badRequests).as("HTTP 400 answers").isGreaterThan(RUNS / 20);
    assertThat(tally.allowed).as("allowed answers").isGreaterThan(RUNS / 20);
    assertThat(tally.refused).as("refusals").isGreaterThan(RUNS / 20);
    assertThat(tally.plainDenied).as("checked requests the plain check denies").isGreaterThan(RUNS / 20);
    assertThat(tally.plainAllowed).as("checked requests the plain check allows").isGreaterThan(RUNS / 50);
  }

  @Test
  void the_same_body_always_gets_the_same_answer() {
    Random random = new Random(SEED + 1);
    for (int run = 0; run < 300; run++) {
      byte[] body = body(random);
      assertThat(admission.answer(body)).as("run %d", run).isEqualTo(admission.answer(body.clone()));
    }
  }

  @Test
  void deeply_nested_bodies_are_answered_too() {
    String deepArray = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(admission.answer(deepArray.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AdmissionAnswer.BadRequest.class);
    ObjectNode review = (ObjectNode) AdmissionFixtures.requestTree("create-v1-allowed.json");
    JsonNode nested = NODES.textNode("leaf");
    for (int i = 0; i < 450; i++) nested = NODES.objectNode().set("n", nested);
    ((ObjectNode) review.get("request").get("object").get("spec")).set("extra", nested);
    AdmissionAnswer answer = admission.answer(JSON.writeValueAsBytes(review));
    assertThat(answer).isInstanceOf(AdmissionAnswer.Review.class);
    JsonNode response = JSON.readTree(answer.body()).get("response");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("warnings").get(0).asString()).startsWith("spec.extra: ");
  }

  // ---- checks on one answer

  static void verify(int run, byte[] body, AdmissionAnswer answer, Tally tally) {
    String where = "run " + run + " body " + preview(body);
    Optional<JsonNode> input = parse(body);
    Optional<String> uid = input.flatMap(AdmissionFuzzTest::answerableUid);
    if (answer instanceof AdmissionAnswer.BadRequest bad) {
      tally.badRequests++;
      assertThat(bad.httpStatus()).isEqualTo(400);
      JsonNode error = JSON.readTree(bad.body());
      assertThat(List.copyOf(error.propertyNames())).as(where).containsExactly("error");
      assertThat(error.get("error").isString()).as(where).isTrue();
      assertThat(uid).as(where + ": a v1 review with a uid must be answered with a review").isEmpty();
      return;
    }
    AdmissionAnswer.Review review = (AdmissionAnswer.Review) answer;
    assertThat(review.httpStatus()).isEqualTo(200);
    JsonNode out = JSON.readTree(review.json());
    assertThat(List.copyOf(out.propertyNames())).as(where).containsExactly("apiVersion", "kind", "response");
    assertThat(out.get("apiVersion").asString()).isEqualTo("admission.k8s.io/v1");
    assertThat(out.get("kind").asString()).isEqualTo("AdmissionReview");
    JsonNode response = out.get("response");
    assertThat(uid).as(where + ": a review answers only bodies with a uid").isPresent();
    assertThat(response.get("uid").asString()).as(where).isEqualTo(uid.get());
    assertThat(response.get("allowed").isBoolean()).as(where).isTrue();
    assertThat(response.has("patch") || response.has("patchType")).as(where).isFalse();
    boolean allowed = response.get("allowed").asBoolean();
    assertThat(response.has("status")).as(where).isEqualTo(!allowed);
    if (!allowed) {
      tally.refused++;
      assertThat(response.get("status").get("code").asInt()).as(where).isGreaterThanOrEqualTo(400);
      assertThat(response.get("status").get("message").asString()).as(where).isNotBlank();
    } else {
      tally.allowed++;
    }
    if (response.has("warnings")) {
      List<String> ws = response.get("warnings").valueStream().map(JsonNode::asString).toList();
      assertThat(ws).as(where).allSatisfy(w -> {
        assertThat(w.codePointCount(0, w.length())).isBetween(1, AdmissionWarnings.MAX_LENGTH);
        assertThat(w).doesNotStartWithIgnoringCase("warning:");
      });
      assertThat(AdmissionWarningsTest.totalBytes(ws)).as(where).isLessThanOrEqualTo(AdmissionWarnings.MAX_TOTAL_BYTES);
    }
    plainVerdict(input.get()).ifPresent(plainAllowed -> {
      if (plainAllowed) {
        tally.plainAllowed++;
      } else {
        tally.plainDenied++;
        assertThat(allowed).as(where + ": allowed although the plain check denies it").isFalse();
      }
    });
  }

  static Optional<JsonNode> parse(byte[] body) {
    try {
      return Optional.ofNullable(JSON.readTree(body)).filter(n -> !n.isMissingNode());
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** The uid of a body the webhook must answer with a review: a v1 AdmissionReview whose request has a uid. */
  static Optional<String> answerableUid(JsonNode review) {
    if (!review.isObject() || !"admission.k8s.io/v1".equals(review.path("apiVersion").asString(null))
        || !"AdmissionReview".equals(review.path("kind").asString(null)) || !review.path("request").isObject()) {
      return Optional.empty();
    }
    JsonNode uid = review.get("request").get("uid");
    return uid != null && uid.isString() && !uid.asString().isEmpty() ? Optional.of(uid.asString()) : Optional.empty();
  }

  /**
   * Whether the plain check allows the ExternalSecret of a request the webhook must check (a CREATE,
   * or an UPDATE that changes the spec, of an ExternalSecret in a known namespace); empty for others.
   */
  static Optional<Boolean> plainVerdict(JsonNode review) {
    if (answerableUid(review).isEmpty()) return Optional.empty();
    JsonNode req = review.get("request");
    String op = req.path("operation").asString("");
    JsonNode object = req.path("object");
    if (!op.equals("CREATE") && !op.equals("UPDATE") || !object.isObject()) return Optional.empty();
    if (!ApiGroup.isSupported(object.path("apiVersion").asString(null)) || !"ExternalSecret".equals(object.path("kind").asString(null))) {
      return Optional.empty();
    }
    String ns = nonEmptyText(req.get("namespace")).or(() -> nonEmptyText(object.path("metadata").get("namespace"))).orElse(null);
    if (ns == null) return Optional.empty();
    if (op.equals("UPDATE") && req.path("oldObject").isObject() && object.path("spec").equals(req.get("oldObject").path("spec"))) return Optional.empty();
    ObjectNode copy = (ObjectNode) object.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode meta) meta.put("namespace", ns);
    return Optional.of(plainCheck.check(copy, ns).allowed());
  }

  static Optional<String> nonEmptyText(JsonNode n) {
    return n != null && n.isString() && !n.asString().isEmpty() ? Optional.of(n.asString()) : Optional.empty();
  }

  // ---- body generators

  static byte[] body(Random r) {
    int kind = r.nextInt(100);
    if (kind < 8) return randomBytes(r);
    if (kind < 16) return jsonSoup(r);
    byte[] seed = SEEDS.get(r.nextInt(SEEDS.size()));
    if (kind < 40) return mutateBytes(r, seed);
    Optional<JsonNode> tree = parse(seed);
    if (tree.isEmpty()) return mutateBytes(r, seed);
    JsonNode mutated = tree.get().deepCopy();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) mutated = mutateTree(r, mutated);
    return JSON.writeValueAsBytes(mutated);
  }

  static byte[] randomBytes(Random r) {
    byte[] b = new byte[r.nextInt(300)];
    r.nextBytes(b);
    return b;
  }

  static byte[] jsonSoup(Random r) {
    String[] tokens = {"{", "}", "[", "]", ":", ",", "\"", "\"uid\"", "\"request\"", "\"apiVersion\"", "\"admission.k8s.io/v1\"", "\"kind\"",
        "\"AdmissionReview\"", "null", "true", "1e999", "-0", "\"\\ud800\"", "\\", " ", "\"object\"", "\"operation\"", "\"CREATE\""};
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(60);
    for (int i = 0; i < n; i++) sb.append(tokens[r.nextInt(tokens.length)]);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] mutateBytes(Random r, byte[] seed) {
    byte[] b = seed.clone();
    switch (r.nextInt(5)) {
      case 0 -> {
        for (int i = 0; i < 1 + r.nextInt(8) && b.length > 0; i++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      }
      case 1 -> {
        int cut = b.length == 0 ? 0 : r.nextInt(b.length);
        b = java.util.Arrays.copyOf(b, cut);
      }
      case 2 -> {
        if (b.length > 2) {
          int from = r.nextInt(b.length - 1);
          int to = Math.min(b.length, from + 1 + r.nextInt(40));
          byte[] out = new byte[b.length - (to - from)];
          System.arraycopy(b, 0, out, 0, from);
          System.arraycopy(b, to, out, from, b.length - to);
          b = out;
        }
      }
      case 3 -> {
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        byte[] junk = randomBytes(r);
        byte[] out = new byte[b.length + Math.min(junk.length, 20)];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, out.length - b.length);
        System.arraycopy(b, at, out, at + out.length - b.length, b.length - at);
        b = out;
      }
      default -> {
        String s = new String(b, StandardCharsets.UTF_8);
        String[] swaps = {"\"CREATE\"", "\"UPDATE\"", "\"DELETE\"", "\"uid\"", "\"spec\"", "\"object\"", "\"request\"", "\"v1\"", "null", "true"};
        s = s.replaceFirst(java.util.regex.Pattern.quote(swaps[r.nextInt(swaps.length)]), swaps[r.nextInt(swaps.length)]);
        b = s.getBytes(StandardCharsets.UTF_8);
      }
    }
    return b;
  }

  /** One change to the tree: a targeted one on the fields the webhook reads, or a random one anywhere. */
  static JsonNode mutateTree(Random r, JsonNode root) {
    if (!root.isObject()) return randomValue(r, 2);
    ObjectNode review = (ObjectNode) root;
    JsonNode reqNode = review.get("request");
    if (!(reqNode instanceof ObjectNode req)) {
      review.set("request", r.nextBoolean() ? randomValue(r, 2) : NODES.objectNode().put("uid", "u-" + r.nextInt(100)));
      return review;
    }
    JsonNode objNode = req.get("object");
    switch (r.nextInt(16)) {
      case 0 -> req.put("operation", OPERATIONS[r.nextInt(OPERATIONS.length)]);
      case 1 -> req.put("namespace", NAMESPACES[r.nextInt(NAMESPACES.length)]);
      case 2 -> req.remove(List.of("uid", "namespace", "operation", "object", "oldObject", "dryRun").get(r.nextInt(6)));
      case 3 -> req.set("uid", r.nextInt(4) == 0 ? randomValue(r, 1) : NODES.textNode(randomText(r)));
      case 4 -> review.put(r.nextBoolean() ? "apiVersion" : "kind", r.nextBoolean() ? "admission.k8s.io/v1beta1" : randomText(r));
      case 5 -> req.put("dryRun", r.nextBoolean());
      case 6 -> {
        if (objNode != null && objNode.isObject()) req.set("oldObject", objNode.deepCopy());
      }
      case 7 -> {
        if (objNode instanceof ObjectNode obj) obj.put("apiVersion", API_VERSIONS[r.nextInt(API_VERSIONS.length)]);
      }
      case 8, 9, 10 -> {
        if (objNode instanceof ObjectNode obj && obj.get("spec") instanceof ObjectNode spec) mutateSpec(r, spec);
      }
      case 11 -> {
        if (objNode instanceof ObjectNode obj && obj.get("metadata") instanceof ObjectNode meta) {
          meta.put("namespace", NAMESPACES[r.nextInt(NAMESPACES.length)]);
        }
      }
      default -> mutateAnywhere(r, review);
    }
    return review;
  }

  static void mutateSpec(Random r, ObjectNode spec) {
    switch (r.nextInt(6)) {
      case 0 -> {
        ArrayNode data = spec.get("data") instanceof ArrayNode a ? a : spec.putArray("data");
        ObjectNode d = data.addObject();
        d.putObject("remoteRef").put("key", KEYS[r.nextInt(KEYS.length)]);
        d.put("secretKey", "k" + r.nextInt(1000));
      }
      case 1 -> {
        if (spec.get("data") instanceof ArrayNode a && !a.isEmpty() && a.get(0).path("remoteRef") instanceof ObjectNode ref) {
          ref.put("key", KEYS[r.nextInt(KEYS.length)]);
        }
      }
      case 2 -> spec.putObject("secretStoreRef").put("kind", r.nextBoolean() ? "SecretStore" : "ClusterSecretStore")
          .put("name", List.of("vault-backend", "team-vault", "vault", "missing").get(r.nextInt(4)));
      case 3 -> spec.putArray("dataFrom").addObject().putObject("extract").put("key", KEYS[r.nextInt(KEYS.length)]);
      case 4 -> spec.remove(List.of("data", "dataFrom", "secretStoreRef", "target").get(r.nextInt(4)));
      default -> spec.put("refreshInterval", List.of("1h", "0", "-5m", "soon", "").get(r.nextInt(5)));
    }
  }

  /** Replaces, removes or adds a member at a random place of the tree. */
  static void mutateAnywhere(Random r, JsonNode root) {
    JsonNode node = root;
    JsonNode parent = null;
    String key = null;
    int index = -1;
    int depth = r.nextInt(8);
    for (int i = 0; i < depth && node.isContainer() && !node.isEmpty(); i++) {
      parent = node;
      if (node.isObject()) {
        List<String> names = List.copyOf(node.propertyNames());
        key = names.get(r.nextInt(names.size()));
        index = -1;
        node = node.get(key);
      } else {
        index = r.nextInt(node.size());
        key = null;
        node = node.get(index);
      }
    }
    if (parent == null) return;
    JsonNode value = randomValue(r, 2);
    if (parent instanceof ObjectNode o) {
      if (r.nextInt(3) == 0) o.remove(key);
      else o.set(key, value);
    } else if (parent instanceof ArrayNode a) {
      if (r.nextInt(3) == 0) a.remove(index);
      else a.set(index, value);
    }
  }

  static JsonNode randomValue(Random r, int depth) {
    switch (r.nextInt(depth <= 0 ? 6 : 8)) {
      case 0: return NODES.nullNode();
      case 1: return NODES.booleanNode(r.nextBoolean());
      case 2: return NODES.numberNode(r.nextInt(2000) - 1000);
      case 3: return NODES.numberNode(r.nextDouble() * 1e300);
      case 4: return NODES.textNode(randomText(r));
      case 5: return NODES.textNode("x".repeat(r.nextInt(5000)));
      case 6: {
        ObjectNode o = NODES.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) o.set(randomText(r), randomValue(r, depth - 1));
        return o;
      }
      default: {
        ArrayNode a = NODES.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) a.add(randomValue(r, depth - 1));
        return a;
      }
    }
  }

  static String randomText(Random r) {
    String[] pieces = {"", "a", "CREATE", "ExternalSecret", "Warning: ", "\n", "\u0000", "\uD800", "\uD83D\uDD12", "\u00e9", "\"", "\\",
        "payments", "external-secrets.io/v1", "spec", "../", " "};
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(5); i >= 0; i--) sb.append(pieces[r.nextInt(pieces.length)]);
    return sb.toString();
  }

  static String preview(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
