package io.secretgate.inject;

import java.util.List;

/**
 * Why a Pod cannot be injected. {@link Kind#INVALID}: the Pod asks for something that cannot be
 * done (a bad Secret name, a container it does not have); {@link Kind#MALFORMED}: the Pod is not
 * shaped like a Pod where the injector reads or writes. Each reason names its field.
 */
public final class InjectionException extends Exception {
  /** What kind of problem: the admission answers 403 for INVALID and 400 for MALFORMED. */
  public enum Kind { INVALID, MALFORMED }

  private final Kind kind;
  private final List<String> reasons;

  InjectionException(Kind kind, List<String> reasons) {
    super(String.join("; ", reasons));
    if (reasons.isEmpty()) throw new IllegalArgumentException("an injection problem needs a reason");
    this.kind = kind;
    this.reasons = List.copyOf(reasons);
  }

  static InjectionException malformed(String reason) {
    return new InjectionException(Kind.MALFORMED, List.of(reason));
  }

  public Kind kind() {
    return kind;
  }

  /** One line per problem, each starting with the field it is about. */
  public List<String> reasons() {
    return reasons;
  }
}
