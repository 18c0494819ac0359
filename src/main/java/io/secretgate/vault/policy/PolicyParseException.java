package io.secretgate.vault.policy;

/**
 * A policy text that Vault would refuse to store. {@link #line()} and {@link #column()} are
 * 1-based and point at the offending token; {@link #reason()} says what is wrong with it.
 */
public class PolicyParseException extends Exception {
  private final int line;
  private final int column;
  private final String reason;

  public PolicyParseException(int line, int column, String reason) {
    super("line " + line + ", column " + column + ": " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  PolicyParseException(Hcl.Pos pos, String reason) {
    this(pos.line(), pos.column(), reason);
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
