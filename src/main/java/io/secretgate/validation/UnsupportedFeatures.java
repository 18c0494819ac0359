package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.UNSUPPORTED;

import io.secretgate.api.ExternalSecretData;
import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.ExternalSecretSpec;
import io.secretgate.api.ExternalSecretTarget;
import io.secretgate.api.Rewrite;
import java.util.List;

/** ESO features that secretgate recognises but does not implement: refused, never ignored. */
final class UnsupportedFeatures {
  private UnsupportedFeatures() {}

  static void check(ExternalSecretSpec spec, List<Violation> violations, List<String> warnings) {
    List<ExternalSecretData> data = spec.dataOrEmpty();
    for (int i = 0; i < data.size(); i++) {
      if (data.get(i).sourceRef != null && data.get(i).sourceRef.generatorRef != null) {
        violations.add(new Violation("spec.data[" + i + "].sourceRef.generatorRef", UNSUPPORTED, "generators are not supported by secretgate"));
      }
    }
    List<ExternalSecretDataFrom> from = spec.dataFromOrEmpty();
    for (int i = 0; i < from.size(); i++) checkDataFrom("spec.dataFrom[" + i + "]", from.get(i), violations);
    checkTarget(spec.effectiveTarget(), violations);
    if (spec.syncWindows != null) {
      warnings.add("spec.syncWindows is not honoured by secretgate yet: refreshes run at every refreshInterval");
    }
  }

  private static void checkDataFrom(String field, ExternalSecretDataFrom f, List<Violation> out) {
    if (f.sourceRef != null && f.sourceRef.generatorRef != null) {
      out.add(new Violation(field + ".sourceRef.generatorRef", UNSUPPORTED, "generators are not supported by secretgate"));
    }
    List<Rewrite> rewrites = f.rewrite == null ? List.of() : f.rewrite;
    for (int j = 0; j < rewrites.size(); j++) {
      if (rewrites.get(j).merge != null) {
        out.add(new Violation(field + ".rewrite[" + j + "].merge", UNSUPPORTED, "rewrite.merge is not supported by secretgate"));
      }
    }
  }

  private static void checkTarget(ExternalSecretTarget target, List<Violation> out) {
    if (target.manifest != null && !("v1".equals(target.manifest.apiVersion) && "Secret".equals(target.manifest.kind))) {
      out.add(new Violation("spec.target.manifest", UNSUPPORTED,
          "generic targets (" + target.manifest.kind + ") are not supported by secretgate: only Secrets are written"));
    }
    if (target.template != null && target.template.templateFrom != null && !target.template.templateFrom.isEmpty()) {
      out.add(new Violation("spec.target.template.templateFrom", UNSUPPORTED,
          "template.templateFrom is not supported by secretgate yet: put the templates in template.data"));
    }
  }
}
