package io.secretgate.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Strict UTF-8 decoding of a manifest (a replacement character would change names and Vault keys
 * unseen); bytes that are not UTF-8 are one problem at the line and column where they start. A file
 * that starts with a UTF-16 byte order mark (what Windows PowerShell 5's {@code >} writes) is
 * UTF-16, as kubectl (go-yaml) reads it, just as strictly.
 */
final class ManifestText {
  private ManifestText() {}

  /** The text of {@code bytes} named {@code name}, or null after adding the problem {@code NAME:LINE:COLUMN: not valid UTF-8 text} (or UTF-16). */
  static String decode(String name, byte[] bytes, List<ManifestProblem> problems) {
    boolean utf16 = bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
    Charset charset = utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
    CharsetDecoder decoder = charset.newDecoder();
    CharBuffer text = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), text, true);
    if (!result.isError()) result = decoder.flush(text);
    String decoded = text.flip().toString();
    if (!result.isError()) return decoded;
    int line = 1 + (int) decoded.chars().filter(c -> c == '\n').count();
    int column = decoded.length() - decoded.lastIndexOf('\n');
    problems.add(new ManifestProblem(name + ":" + line + ":" + column, "not valid " + (utf16 ? "UTF-16" : "UTF-8") + " text"));
    return null;
  }
}
