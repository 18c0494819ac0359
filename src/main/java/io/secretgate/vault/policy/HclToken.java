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

  /** How an error message names this token. */
  String describe() {
    return type == Type.EOF ? "end of file" : "'" + text + "'";
  }
}
