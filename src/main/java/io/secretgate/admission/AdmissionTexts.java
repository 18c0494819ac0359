package io.secretgate.admission;

import io.secretgate.validation.VaultPathUse;
import io.secretgate.validation.Verdict;
import io.secretgate.validation.Violation;
import io.secretgate.validation.ViolationCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The texts of admission answers: denial lines and admission warnings (docs/admission.md). */
final class AdmissionTexts {
  /** What a reason keeps of its end when it is too long for a warning: the cause, which Vault failures say last, in parentheses. */
  private static final int REASON_END = 40;

  private AdmissionTexts() {}

  /** {@code <field>: <CODE>: <message>}: one line of a denial message. */
  static String denialLine(Violation v) {
    return v.field() + ": " + v.code() + ": " + v.message();
  }

  /** The message of a 403: the subject, then one {@code - } line per reason. */
  static String denial(String subject, List<String> lines) {
    StringBuilder sb = new StringBuilder(subject).append(" denied:");
    lines.forEach(l -> sb.append("\n- ").append(l));
    return sb.toString();
  }

  /**
   * The warnings that stand for a denial when the namespace's enforcement is warn; the subject last,
   * since a long name may be cut at {@link AdmissionWarnings#MAX_LENGTH} characters.
   */
  static List<String> wouldBeDenied(String subject, Verdict verdict) {
    List<String> out = new ArrayList<>();
    out.add("would be denied, admitted because enforcement is warn: " + subject);
    verdict.violations().forEach(v -> out.add(violationWarning(v, verdict)));
    return out;
  }

  /**
   * A violation as a warning. A path denial's message is too long for a warning's 120 characters,
   * so it is said with the path and capability first; other violations keep their message.
   */
  static String violationWarning(Violation v, Verdict verdict) {
    if (v.code() == ViolationCode.PATH_NOT_PERMITTED) {
      Optional<VaultPathUse> use = verdict.vaultPaths().stream().filter(u -> u.field().equals(v.field())).findFirst();
      if (use.isPresent()) {
        return v.field() + ": " + v.code() + ": the store's token may not \"" + use.get().capability() + "\" " + use.get().path();
      }
    }
    return denialLine(v);
  }

  /** The denial line for paths that could not be checked under on-vault-unavailable=deny. */
  static String uncheckedDenialLine(UncheckedPaths.Unchecked u) {
    return "Vault could not be asked what the token of " + u.store().displayName() + " may do (" + u.reason() + "), so "
        + String.join(", ", u.paths()) + " could not be checked; on-vault-unavailable is deny";
  }

  /**
   * The warnings for paths that could not be checked: the store, why (a warning of its own: each is
   * cut at {@link AdmissionWarnings#MAX_LENGTH} characters, and neither the store nor "the token was
   * refused" may be what is cut; a longer reason is shortened in its middle, keeping its cause; stores
   * failing for the same reason share that warning), then one per path.
   */
  static List<String> uncheckedWarnings(UncheckedPaths.Unchecked u) {
    List<String> out = new ArrayList<>();
    out.add("paths of " + u.store().displayName() + " not checked: Vault could not be asked");
    out.add(AdmissionWarnings.shortenKeepingEnd(u.reason(), REASON_END));
    u.paths().forEach(p -> out.add("not checked (Vault could not be asked): " + p));
    return out;
  }
}
