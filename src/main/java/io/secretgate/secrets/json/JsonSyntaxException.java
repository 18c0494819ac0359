package io.secretgate.secrets.json;

/**
 * Text that is not JSON. The message names the position and what was expected, never the text
 * itself (it may hold secret values).
 */
public class JsonSyntaxException extends Exception {
  private final String reason;
  private final int offset;

  public JsonSyntaxException(String reason, int offset) {
    super(reason + " at offset " + offset, null, false, false);
    this.reason = reason;
    this.offset = offset;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }

  /** 0-based character offset of the problem. */
  public int offset() {
    return offset;
  }

  /** 1-based line and column of {@link #offset()} in {@code text}. */
  public int[] lineAndColumn(String text) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }
}
