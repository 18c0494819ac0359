package io.secretgate.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Strict UTF-8 decoding of a manifest (a replacement character would change names and Vault keys
 * unseen); bytes that are not UTF-8 are one problem at the line and column where they start.
 */
final class Utf8Text {
  private Utf8Text() {}

  /** The text of {@code bytes} named {@code name}, or null after adding the problem {@code NAME:LINE:COLUMN: not valid UTF-8 text}. */
  static String decode(String name, byte[] bytes, List<ManifestProblem> problems) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    CharBuffer text = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), text, true);
    if (!result.isError()) result = decoder.flush(text);
    String decoded = text.flip().toString();
    if (!result.isError()) return decoded;
    int line = 1 + (int) decoded.chars().filter(c -> c == '\n').count();
    int column = decoded.length() - decoded.lastIndexOf('\n');
    problems.add(new ManifestProblem(name + ":" + line + ":" + column, "not valid UTF-8 text"));
    return null;
  }
}
