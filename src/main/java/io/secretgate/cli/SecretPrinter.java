package io.secretgate.cli;

import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.secrets.DesiredSecret;
import io.secretgate.secrets.OwnerReference;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Writes a {@link DesiredSecret} as the Kubernetes Secret manifest ({@code v1/Secret}), keys in a
 * stable order, data base64-encoded. Redaction replaces every data value, the data-hash
 * annotation and template-rendered label/annotation values with {@value #REDACTED}.
 */
final class SecretPrinter {
  /** What {@code --redact} prints instead of a value. */
  static final String REDACTED = "<redacted>";

  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new Yaml11Quoting()).build())
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  private SecretPrinter() {}

  /**
   * Jackson leaves a value plain when YAML 1.2 reads it as a string, but kubectl reads YAML 1.1
   * (go-yaml v2), where plain {@code 0x1f}, {@code 0o17}, {@code 0b1}, {@code 1_000}, {@code -.INF}
   * or {@code .NaN} are numbers and NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR break lines (and
   * other YAML 1.1 readers take {@code 2026-01-31} for a date and {@code 1:30} for 90). Such values
   * (a label, an annotation, even base64 data such as {@code 0x12}) are double-quoted.
   */
  private static final class Yaml11Quoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    /** go-yaml v2's int (strconv.ParseInt, base 0) and float forms, after it drops every '_'. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+"
        + "|([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?|\\.(inf|Inf|INF))|\\.(nan|NaN|NAN)");
    /** YAML 1.1 timestamps and base-60 numbers. */
    private static final Pattern TIME = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \\t].*)?"
        + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || NUMBER.matcher(value.replace("_", "")).matches()
          || TIME.matcher(value).matches() || value.chars().anyMatch(c -> c == '\u0085' || c == '\u2028' || c == '\u2029');
    }
  }

  /**
   * @param templatedLabels label keys whose value a template rendered (redacted with --redact)
   * @param templatedAnnotations annotation keys whose value a template rendered
   */
  static Map<String, Object> manifest(DesiredSecret s, boolean redact, Set<String> templatedLabels, Set<String> templatedAnnotations) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", s.name());
    metadata.put("namespace", s.namespace());
    metadata.put("labels", redactValues(s.labels(), redact ? templatedLabels : Set.of()));
    Set<String> hiddenAnnotations = new java.util.HashSet<>(templatedAnnotations);
    hiddenAnnotations.add(ManagedSecretKeys.ANNOTATION_DATA_HASH);
    metadata.put("annotations", redactValues(s.annotations(), redact ? hiddenAnnotations : Set.of()));
    s.ownerReference().ifPresent(o -> metadata.put("ownerReferences", List.of(owner(o))));
    if (!s.finalizers().isEmpty()) metadata.put("finalizers", new ArrayList<>(s.finalizers()));

    Map<String, Object> data = new LinkedHashMap<>();
    s.data().forEach((k, v) -> data.put(k, redact ? REDACTED : Base64.getEncoder().encodeToString(v)));

    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put("metadata", metadata);
    secret.put("type", s.type());
    secret.put("data", data);
    if (s.immutable()) secret.put("immutable", true);
    return secret;
  }

  static String json(Map<String, Object> manifest) {
    StringBuilder sb = new StringBuilder();
    writeJson(sb, manifest, 0);
    return sb.append('\n').toString();
  }

  static String yaml(Map<String, Object> manifest) {
    return YAML.writeValueAsString(manifest);
  }

  private static Map<String, Object> owner(OwnerReference o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", o.apiVersion());
    m.put("kind", o.kind());
    m.put("name", o.name());
    if (o.uid() != null) m.put("uid", o.uid());
    m.put("controller", o.controller());
    m.put("blockOwnerDeletion", o.blockOwnerDeletion());
    return m;
  }

  private static Map<String, Object> redactValues(Map<String, String> in, Set<String> hidden) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, hidden.contains(k) ? REDACTED : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void writeJson(StringBuilder sb, Object v, int indent) {
    if (v instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        pad(sb, indent + 2);
        writeString(sb, e.getKey());
        sb.append(": ");
        writeJson(sb, e.getValue(), indent + 2);
        sb.append(++i < map.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        pad(sb, indent + 2);
        writeJson(sb, list.get(i), indent + 2);
        sb.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else {
      writeString(sb, String.valueOf(v));
    }
  }

  private static void pad(StringBuilder sb, int n) {
    sb.append(" ".repeat(n));
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
