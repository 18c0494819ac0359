package io.secretgate.vault.policy;

/** One token of HCL v1 source. {@code value} is the decoded text of strings and heredocs. */
record HclToken(HclToken.Type type, String text, String value, Hcl.Pos pos) {

  enum Type {
    IDENT,
    BOOL,
    NUMBER,
    FLOAT,
    STRING,
    HEREDOC,
    LBRACE,
    RBRACE,
    LBRACK,
    RBRACK,
    COMMA,
    ASSIGN,
    /** {@code +}, {@code -} or {@code .} on its own: scanned by HCL, accepted nowhere. */
    SYMBOL,
    EOF
  }

  boolean is(Type expected) {
    return type == expected;
  }

  boolean isLiteral() {
    return switch (type) {
      case BOOL, NUMBER, FLOAT, STRING, HEREDOC -> true;
      default -> false;
    };
  }

  /**
   * How an error message names this token, on one line: a heredoc by its opening {@code <<ANCHOR}
   * (its source runs over several lines, and the message is one line of stderr).
   */
  String describe() {
    return switch (type) {
      case EOF -> "end of file";
      case HEREDOC -> "heredoc '" + text.lines().findFirst().orElse("").strip() + "'";
      default -> "'" + text + "'";
    };
  }
}
