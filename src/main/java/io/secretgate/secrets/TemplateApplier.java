package io.secretgate.secrets;

import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretTemplate;
import io.secretgate.api.ExternalSecretTemplate.TemplateMergePolicy;
import io.secretgate.secrets.BuildOutcome.FailureKind;
import io.secretgate.secrets.json.GoJson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ESO's {@code applyTemplate} on a new Secret. Without a template: provider data as is, and the
 * ExternalSecret's own labels and annotations. With one: its type, its metadata labels and
 * annotations (each value rendered as a template), its data values rendered against the provider
 * data; provider data is kept only with {@code mergePolicy: Merge} (template keys win) or when the
 * template has no data at all. {@code templateFrom} is not supported.
 */
final class TemplateApplier {
  private final TemplateEngine engine;

  TemplateApplier(TemplateEngine engine) {
    this.engine = engine;
  }

  /** The templated parts of the Secret. */
  record Applied(String type, TreeMap<String, String> labels, TreeMap<String, String> annotations,
      TreeMap<String, byte[]> data, List<String> finalizers) {}

  Applied apply(ExternalSecret es, Map<String, byte[]> providerData) throws SyncError {
    ExternalSecretTemplate template = es.getSpec().effectiveTarget().template;
    TreeMap<String, String> labels = new TreeMap<>(GoJson.UTF8_ORDER);
    TreeMap<String, String> annotations = new TreeMap<>(GoJson.UTF8_ORDER);
    if (template == null) {
      putAll(labels, es.getMetadata().getLabels());
      putAll(annotations, es.getMetadata().getAnnotations());
      return new Applied(null, labels, annotations, ByteMaps.sorted(providerData), List.of());
    }
    if (template.templateFrom != null && !template.templateFrom.isEmpty()) {
      throw SyncError.unsupported("spec.target.template.templateFrom").wrap(EsoText.ERR_APPLY_TEMPLATE);
    }
    Map<String, String> tplLabels = template.metadata == null ? null : template.metadata.labels;
    Map<String, String> tplAnnotations = template.metadata == null ? null : template.metadata.annotations;
    List<String> finalizers = template.metadata == null || template.metadata.finalizers == null
        ? List.of() : template.metadata.finalizers;
    putAll(labels, tplLabels);
    putAll(annotations, tplAnnotations);

    TreeMap<String, byte[]> data = ByteMaps.sorted();
    boolean hasTemplateData = template.data != null && !template.data.isEmpty();
    if (template.effectiveMergePolicy() == TemplateMergePolicy.Merge || !hasTemplateData) data.putAll(providerData);
    try {
      for (Map.Entry<String, String> e : sorted(template.data).entrySet()) {
        data.put(e.getKey(), renderBytes(e.getKey(), e.getValue(), providerData));
      }
      for (Map.Entry<String, String> e : sorted(tplLabels).entrySet()) {
        labels.put(e.getKey(), render(e.getKey(), e.getValue(), providerData));
      }
      for (Map.Entry<String, String> e : sorted(tplAnnotations).entrySet()) {
        annotations.put(e.getKey(), render(e.getKey(), e.getValue(), providerData));
      }
    } catch (SyncError e) {
      throw e.wrap(EsoText.ERR_APPLY_TEMPLATE + EsoText.ERR_EXEC_TEMPLATE);
    }
    return new Applied(template.type, labels, annotations, data, finalizers);
  }

  private String render(String key, String template, Map<String, byte[]> values) throws SyncError {
    try {
      return engine.render(template == null ? "" : template, values);
    } catch (TemplateRenderException e) {
      throw failure(key, e);
    }
  }

  private byte[] renderBytes(String key, String template, Map<String, byte[]> values) throws SyncError {
    try {
      return engine.renderBytes(template == null ? "" : template, values);
    } catch (TemplateRenderException e) {
      throw failure(key, e);
    }
  }

  private static SyncError failure(String key, TemplateRenderException e) {
    String msg = "unable to execute template at key " + key + ": " + e.getMessage();
    return new SyncError(msg, e.unsupported() ? FailureKind.UNSUPPORTED : FailureKind.DATA, false, null);
  }

  private static TreeMap<String, String> sorted(Map<String, String> in) {
    TreeMap<String, String> out = new TreeMap<>(GoJson.UTF8_ORDER);
    putAll(out, in);
    return out;
  }

  private static void putAll(Map<String, String> out, Map<String, String> in) {
    if (in != null) out.putAll(in);
  }
}
