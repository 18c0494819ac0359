package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.INVALID_SPEC;

import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.ExternalSecretSpec;
import io.secretgate.api.Rewrite;
import io.secretgate.secrets.GoRegexp;
import java.util.List;

/** Regular expressions in a spec must compile as Go compiles them, or ESO's sync fails on them. */
final class RegexpRules {
  private RegexpRules() {}

  static void check(ExternalSecretSpec spec, List<Violation> out) {
    List<ExternalSecretDataFrom> from = spec.dataFromOrEmpty();
    for (int i = 0; i < from.size(); i++) {
      ExternalSecretDataFrom f = from.get(i);
      if (f.find != null && f.find.name != null) {
        check("spec.dataFrom[" + i + "].find.name.regexp", f.find.name.regexp, out);
      }
      List<Rewrite> rewrites = f.rewrite == null ? List.of() : f.rewrite;
      for (int j = 0; j < rewrites.size(); j++) {
        if (rewrites.get(j).regexp != null) {
          check("spec.dataFrom[" + i + "].rewrite[" + j + "].regexp.source", rewrites.get(j).regexp.source, out);
        }
      }
    }
  }

  private static void check(String field, String regex, List<Violation> out) {
    try {
      GoRegexp.compile(regex == null ? "" : regex);
    } catch (GoRegexp.InvalidRegexpException e) {
      out.add(new Violation(field, INVALID_SPEC, e.getMessage()));
    }
  }
}
