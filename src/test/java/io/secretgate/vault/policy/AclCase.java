package io.secretgate.vault.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One conformance case: a token's policies, a path, and what Vault answers for it. */
record AclCase(
    String id, Map<String, String> policies, String path, List<String> expect, boolean readAllowed, String note) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Reads a case file (vault-acl-cases format) from the test class path. */
  static List<AclCase> load(String resource) {
    try (InputStream in = AclCase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      List<AclCase> cases = new ArrayList<>();
      for (JsonNode node : JSON.readTree(in)) {
        cases.add(fromJson(node));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AclCase fromJson(JsonNode node) {
    Map<String, String> policies = new LinkedHashMap<>();
    node.get("policies").properties().forEach(e -> policies.put(e.getKey(), e.getValue().asString()));
    List<String> expect = new ArrayList<>();
    node.get("expect").forEach(capability -> expect.add(capability.asString()));
    JsonNode note = node.get("note");
    return new AclCase(
        node.get("id").asString(),
        policies,
        node.get("path").asString(),
        expect,
        node.get("read_allowed").asBoolean(),
        note == null ? "" : note.asString());
  }

  /** The ACL of a token holding exactly these policies. */
  Acl acl(MatchOrder order) throws PolicyParseException {
    List<Policy> parsed = new ArrayList<>();
    for (Map.Entry<String, String> policy : policies.entrySet()) {
      parsed.add(PolicyParser.parse(policy.getKey(), policy.getValue()));
    }
    return Acl.of(parsed, order);
  }

  @Override
  public String toString() {
    return id + " " + path + (note.isEmpty() ? "" : " (" + note + ")");
  }
}
