package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.INVALID_SPEC;

import io.secretgate.api.CreationPolicy;
import io.secretgate.api.DeletionPolicy;
import io.secretgate.api.ExternalSecretData;
import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.ExternalSecretSpec;
import io.secretgate.api.ExternalSecretTarget;
import io.secretgate.api.ExternalSecretTemplate;
import io.secretgate.api.TemplateFrom;
import io.secretgate.config.GoDuration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ESO's own admission webhook (and its Go decoding) refuses in an ExternalSecret spec, with
 * ESO's messages, so that a manifest ESO refuses is refused here too (eso-facts.md §5).
 */
final class ExternalSecretRules {
  private static final Set<CreationPolicy> NOT_OWNING =
      Set.of(CreationPolicy.Merge, CreationPolicy.None, CreationPolicy.CreateOrMerge);
  private static final String SA_TOKEN = "kubernetes.io/service-account-token";
  private static final String SA_NAME_ANNOTATION = "kubernetes.io/service-account.name";
  private static final String BOOTSTRAP_TOKEN = "bootstrap.kubernetes.io/token";

  private ExternalSecretRules() {}

  static void check(ExternalSecretSpec spec, List<Violation> out) {
    if (spec == null) {
      out.add(new Violation("spec", INVALID_SPEC, "spec is required"));
      return;
    }
    checkRefreshInterval(spec, out);
    checkPolicies(spec.effectiveTarget(), out);
    if (spec.dataOrEmpty().isEmpty() && spec.dataFromOrEmpty().isEmpty()) {
      out.add(new Violation("spec", INVALID_SPEC, "either data or dataFrom should be specified"));
    }
    checkTemplate(spec.effectiveTarget(), out);
    for (int i = 0; i < spec.dataFromOrEmpty().size(); i++) {
      checkDataFrom("spec.dataFrom[" + i + "]", spec.dataFrom.get(i), out);
    }
    checkDuplicateKeys(spec, out);
  }

  private static void checkRefreshInterval(ExternalSecretSpec spec, List<Violation> out) {
    if (spec.refreshInterval != null && GoDuration.parse(spec.refreshInterval).isEmpty()) {
      out.add(new Violation("spec.refreshInterval", INVALID_SPEC,
          "time: invalid duration \"" + spec.refreshInterval + "\" (use a Go duration such as 1h, 30m or 1h30m0s; 0 means sync once)"));
    }
  }

  private static void checkPolicies(ExternalSecretTarget target, List<Violation> out) {
    CreationPolicy creation = target.effectiveCreationPolicy();
    DeletionPolicy deletion = target.effectiveDeletionPolicy();
    if (deletion == DeletionPolicy.Delete && NOT_OWNING.contains(creation)) {
      out.add(new Violation("spec.target.deletionPolicy", INVALID_SPEC,
          "deletionPolicy=Delete must not be used when the controller doesn't own the secret. Please set creationPolicy=Owner"));
    }
    if (deletion == DeletionPolicy.Merge && creation == CreationPolicy.None) {
      out.add(new Violation("spec.target.deletionPolicy", INVALID_SPEC,
          "deletionPolicy=Merge must not be used with creationPolicy=None. There is no Secret to merge with"));
    }
  }

  private static void checkTemplate(ExternalSecretTarget target, List<Violation> out) {
    ExternalSecretTemplate tpl = target.template;
    if (tpl == null) return;
    List<TemplateFrom> from = tpl.templateFrom == null ? List.of() : tpl.templateFrom;
    if (SA_TOKEN.equals(tpl.type)) {
      Map<String, String> annotations = tpl.metadata == null ? null : tpl.metadata.annotations;
      if (annotations != null && annotations.containsKey(SA_NAME_ANNOTATION)) {
        out.add(new Violation("spec.target.template.type", INVALID_SPEC,
            "template.type=\"" + SA_TOKEN + "\" with annotation \"" + SA_NAME_ANNOTATION + "\" is not allowed"));
      }
      if (from.stream().anyMatch(tf -> "Annotations".equalsIgnoreCase(tf.target))) {
        out.add(new Violation("spec.target.template.type", INVALID_SPEC,
            "template.type=\"" + SA_TOKEN + "\" with templateFrom target=\"Annotations\" is not allowed"));
      }
    }
    if (BOOTSTRAP_TOKEN.equals(tpl.type)) {
      out.add(new Violation("spec.target.template.type", INVALID_SPEC,
          "template.type=\"" + BOOTSTRAP_TOKEN + "\" is not allowed"));
    }
    if (target.manifest != null && !("v1".equals(target.manifest.apiVersion) && "Secret".equals(target.manifest.kind))) return;
    for (int i = 0; i < from.size(); i++) {
      String t = from.get(i).target;
      if (t == null || t.isEmpty() || t.equalsIgnoreCase("Data") || t.equalsIgnoreCase("Annotations") || t.equalsIgnoreCase("Labels")) continue;
      out.add(new Violation("spec.target.template.templateFrom[" + i + "].target", INVALID_SPEC,
          "templateFrom target=\"" + t + "\" is not allowed when targeting a Secret, must be one of \"Data\", \"Annotations\" or \"Labels\""));
    }
  }

  private static void checkDataFrom(String field, ExternalSecretDataFrom ref, List<Violation> out) {
    boolean generator = ref.sourceRef != null && ref.sourceRef.generatorRef != null;
    int sources = (ref.find != null ? 1 : 0) + (ref.extract != null ? 1 : 0) + (generator ? 1 : 0);
    if (sources > 1) {
      out.add(new Violation(field, INVALID_SPEC, "extract, find, or generatorRef cannot be set at the same time"));
    }
    if (ref.find == null && ref.extract == null && ref.sourceRef == null) {
      out.add(new Violation(field, INVALID_SPEC, "either extract, find, or sourceRef must be set to dataFrom"));
    }
    if (ref.sourceRef != null && ref.sourceRef.generatorRef == null && ref.sourceRef.storeRef == null) {
      out.add(new Violation(field + ".sourceRef", INVALID_SPEC,
          "generatorRef or storeRef must be set when using sourceRef in dataFrom"));
    }
  }

  private static void checkDuplicateKeys(ExternalSecretSpec spec, List<Violation> out) {
    if (spec.effectiveTarget().effectiveDeletionPolicy() != DeletionPolicy.Retain) return;
    Set<String> seen = new HashSet<>();
    List<ExternalSecretData> data = spec.dataOrEmpty();
    for (int i = 0; i < data.size(); i++) {
      String key = data.get(i).secretKey;
      if (key != null && !seen.add(key)) {
        out.add(new Violation("spec.data[" + i + "].secretKey", INVALID_SPEC, "duplicate secretKey found: " + key));
      }
    }
  }
}
