package io.secretgate.vault.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads policy files: the policy name is the file name without {@code .hcl}/{@code .json}, lower-cased. */
public final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * Reads and parses {@code file} (UTF-8). A file named {@code root.hcl} (or {@code root.json},
   * {@code root}) is the root policy, whatever it contains. Bytes that are not UTF-8 are a parse
   * error at the line and column where they start, as Vault's HCL scanner reports them.
   */
  public static Policy load(Path file) throws IOException, PolicyParseException {
    String text = utf8(Files.readAllBytes(file));
    return PolicyParser.parse(policyName(file), text);
  }

  private static String utf8(byte[] bytes) throws PolicyParseException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    CharBuffer text = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), text, true);
    if (!result.isError()) {
      result = decoder.flush(text);
    }
    String decoded = text.flip().toString();
    if (!result.isError()) {
      return decoded;
    }
    String lastLine = decoded.substring(decoded.lastIndexOf('\n') + 1);
    int line = 1 + (int) decoded.chars().filter(c -> c == '\n').count();
    throw new PolicyParseException(line, lastLine.codePointCount(0, lastLine.length()) + 1, "not valid UTF-8 text");
  }

  /** {@code secret-reader.HCL} → {@code secret-reader}. */
  public static String policyName(Path file) {
    Path fileName = file.getFileName();
    String name = fileName == null ? "" : fileName.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    for (String extension : new String[] {".hcl", ".json"}) {
      if (lower.endsWith(extension)) {
        return lower.substring(0, lower.length() - extension.length());
      }
    }
    return lower;
  }
}
