package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.INVALID_SPEC;

import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.ExternalSecretSpec;
import io.secretgate.api.ExternalSecretTemplate;
import io.secretgate.api.Rewrite;
import io.secretgate.secrets.template.GoTemplate;
import io.secretgate.secrets.template.MissingKeyPolicy;
import io.secretgate.secrets.template.TemplateException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Templates ({@code target.template} data, label and annotation values, and
 * {@code rewrite.transform}) must lie inside the documented Go-template subset (docs/templates.md): anything
 * outside it is refused here, naming the construct, rather than rendered wrongly at sync time.
 */
final class TemplateRules {
  private TemplateRules() {}

  static void check(ExternalSecretSpec spec, List<Violation> out) {
    ExternalSecretTemplate tpl = spec.effectiveTarget().template;
    if (tpl != null) {
      parseAll("spec.target.template.data.", tpl.data, out);
      if (tpl.metadata != null) {
        parseAll("spec.target.template.metadata.labels.", tpl.metadata.labels, out);
        parseAll("spec.target.template.metadata.annotations.", tpl.metadata.annotations, out);
      }
    }
    List<ExternalSecretDataFrom> from = spec.dataFromOrEmpty();
    for (int i = 0; i < from.size(); i++) {
      List<Rewrite> rewrites = from.get(i).rewrite == null ? List.of() : from.get(i).rewrite;
      for (int j = 0; j < rewrites.size(); j++) {
        Rewrite r = rewrites.get(j);
        if (r.transform != null && r.transform.template != null) {
          parse("spec.dataFrom[" + i + "].rewrite[" + j + "].transform.template", r.transform.template, MissingKeyPolicy.NO_VALUE, out);
        }
      }
    }
  }

  /** Template data, label and annotation values are all rendered with missingkey=error. */
  private static void parseAll(String fieldPrefix, Map<String, String> templates, List<Violation> out) {
    if (templates == null) return;
    for (Map.Entry<String, String> e : new TreeMap<>(templates).entrySet()) {
      parse(fieldPrefix + e.getKey(), e.getValue(), MissingKeyPolicy.ERROR, out);
    }
  }

  private static void parse(String field, String text, MissingKeyPolicy policy, List<Violation> out) {
    try {
      GoTemplate.parse(text == null ? "" : text, policy);
    } catch (TemplateException e) {
      out.add(new Violation(field, INVALID_SPEC, e.getMessage()));
    }
  }
}
