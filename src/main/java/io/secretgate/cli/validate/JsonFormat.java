package io.secretgate.cli.validate;

import io.secretgate.validation.DocumentResult;
import io.secretgate.validation.VaultPathUse;
import io.secretgate.validation.Violation;
import java.io.PrintWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code --format json} contract of DESIGN.md, field for field. */
final class JsonFormat {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonFormat() {}

  static void print(ValidateReport report, PrintWriter out) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode docs = root.putArray("documents");
    for (DocumentResult d : report.documents()) docs.add(document(d));
    ObjectNode summary = root.putObject("summary");
    summary.put("documents", report.documents().size());
    summary.put("denied", report.denied());
    out.println(MAPPER.writeValueAsString(root));
  }

  private static ObjectNode document(DocumentResult d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("source", d.source());
    n.put("apiVersion", d.apiVersion());
    n.put("kind", d.kind());
    n.put("namespace", d.namespace());
    n.put("name", d.name());
    n.put("allowed", d.verdict().allowed());
    ArrayNode violations = n.putArray("violations");
    for (Violation v : d.verdict().violations()) {
      violations.addObject().put("field", v.field()).put("code", v.code().name()).put("message", v.message());
    }
    ArrayNode warnings = n.putArray("warnings");
    d.verdict().warnings().forEach(warnings::add);
    ArrayNode paths = n.putArray("vaultPaths");
    for (VaultPathUse p : d.verdict().vaultPaths()) {
      paths.addObject().put("field", p.field()).put("path", p.path()).put("capability", p.capability());
    }
    return n;
  }
}
