package io.secretgate.validation;

import io.secretgate.api.ExternalSecretSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec-only rules of {@link ExternalSecretCheck} (ESO's webhook rules, regular expressions,
 * templates, unsupported features), for the controller: an object that reached the cluster past a
 * missing webhook is refused here the same way, and not retried until it changes.
 */
public final class SpecRules {
  private SpecRules() {}

  public static List<Violation> violations(ExternalSecretSpec spec) {
    List<Violation> out = new ArrayList<>();
    ExternalSecretRules.check(spec, out);
    if (spec == null) return out;
    RegexpRules.check(spec, out);
    TemplateRules.check(spec, out);
    UnsupportedFeatures.check(spec, out, new ArrayList<>());
    return out;
  }
}
