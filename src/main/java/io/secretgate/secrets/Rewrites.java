package io.secretgate.secrets;

import io.secretgate.api.Rewrite;
import io.secretgate.secrets.BuildOutcome.FailureKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ESO's {@code dataFrom[].rewrite[]}, applied in order to the keys: {@code regexp} (Go
 * {@code ReplaceAllString}) and {@code transform} (a Go template over {@code .value}, the key).
 * {@code merge} is not supported and fails naming itself. Later keys overwrite earlier ones that
 * rewrite to the same key, as in ESO (here deterministically: in key order).
 */
final class Rewrites {
  private Rewrites() {}

  static Map<String, byte[]> apply(List<Rewrite> rewrites, Map<String, byte[]> in, TemplateEngine engine) throws SyncError {
    Map<String, byte[]> out = in;
    for (int i = 0; i < rewrites.size(); i++) {
      try {
        out = applyOne(rewrites.get(i), out, engine);
      } catch (SyncError e) {
        throw e.wrap("failed rewrite operation[" + i + "]: ");
      }
    }
    return out;
  }

  private static Map<String, byte[]> applyOne(Rewrite op, Map<String, byte[]> in, TemplateEngine engine) throws SyncError {
    if (op.merge != null) throw SyncError.unsupported("rewrite.merge");
    if (op.regexp != null) return regexp(op.regexp, in);
    if (op.transform != null) return transform(op.transform, in, engine);
    return in;
  }

  private static Map<String, byte[]> regexp(Rewrite.RegexpRewrite op, Map<String, byte[]> in) throws SyncError {
    GoRegexp re;
    try {
      re = GoRegexp.compile(op.source == null ? "" : op.source);
    } catch (GoRegexp.InvalidRegexpException e) {
      String msg = "regexp failed with failed to compile: " + e.getMessage();
      throw new SyncError(msg, e.unsupported() ? FailureKind.UNSUPPORTED : FailureKind.DATA, false, null);
    }
    TreeMap<String, byte[]> out = ByteMaps.sorted();
    String target = op.target == null ? "" : op.target;
    for (Map.Entry<String, byte[]> e : ByteMaps.sorted(in).entrySet()) out.put(re.replaceAll(e.getKey(), target), e.getValue());
    return out;
  }

  private static Map<String, byte[]> transform(Rewrite.TransformRewrite op, Map<String, byte[]> in, TemplateEngine engine)
      throws SyncError {
    TreeMap<String, byte[]> out = ByteMaps.sorted();
    for (Map.Entry<String, byte[]> e : ByteMaps.sorted(in).entrySet()) {
      String key;
      try {
        key = engine.renderRewrite(op.template == null ? "" : op.template, Map.of("value", e.getKey().getBytes(StandardCharsets.UTF_8)));
      } catch (TemplateRenderException ex) {
        String msg = "transform failed with failed to transform key: " + ex.getMessage();
        throw new SyncError(msg, ex.unsupported() ? FailureKind.UNSUPPORTED : FailureKind.DATA, false, null);
      }
      out.put(key, e.getValue());
    }
    return out;
  }
}
