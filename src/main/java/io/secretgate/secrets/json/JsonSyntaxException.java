package io.secretgate.secrets.json;

/**
 * Text that is not JSON. The message names the position and what was expected, never the text
 * itself (it may hold secret values).
 */
public class JsonSyntaxException extends Exception {
  private final int offset;

  public JsonSyntaxException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** 0-based character offset of the problem. */
  public int offset() {
    return offset;
  }
}
