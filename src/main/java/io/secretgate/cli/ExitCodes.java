package io.secretgate.cli;

/** Exit codes shared by every command (DESIGN.md contract). */
public final class ExitCodes {
  /** Success, or the object is allowed. */
  public static final int OK = 0;
  /** A finding: denied, a violation, or the sync would fail. */
  public static final int FINDING = 1;
  /** Usage or input error: bad flag, unreadable file, unparsable YAML/JSON/HCL. */
  public static final int INPUT = 2;

  private ExitCodes() {}
}
