package io.secretgate.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits PEM text into its blocks (RFC 7468, plus the RFC 1421 headers OpenSSL writes for encrypted
 * traditional keys), remembering the line each block starts on. Text between blocks (comments,
 * OpenSSL's "subject=" lines) is ignored. Errors name the source and line, never the content (a BEGIN line is shown only when it is one).
 */
final class PemBlocks {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  /** RFC 7468's label: printable characters but '-', single spaces or hyphens between them. */
  private static final Pattern LABEL = Pattern.compile("([\\x21-\\x2C\\x2E-\\x7E]+([- ][\\x21-\\x2C\\x2E-\\x7E]+)*)?");

  /** One block: its label ("CERTIFICATE", "PRIVATE KEY", ...), its DER bytes and where it starts. */
  record Block(String type, byte[] der, int line, boolean encrypted) {
    String where(String source) {
      return source + " line " + line;
    }
  }

  private PemBlocks() {}

  static List<Block> parse(String text, String source) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) continue;
      String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
      int start = i + 1;
      if (!LABEL.matcher(type).matches()) {
        // e.g. a key pasted on one line: the "label" is the whole block, key included
        throw new TlsException(source + " line " + start + ": the PEM block has lost its line breaks (it is on one line,"
            + " or its line breaks are written as \\n); each -----BEGIN and -----END line must be a line of its own");
      }
      String endMarker = END + type + DASHES;
      int end = endOf(lines, i + 1, endMarker);
      if (end < 0) throw new TlsException(source + " line " + start + ": '" + line + "' has no matching '" + endMarker + "'");
      StringBuilder body = new StringBuilder();
      boolean encrypted = type.startsWith("ENCRYPTED ");
      for (int j = i + 1; j < end; j++) {
        String content = lines[j].strip();
        if (content.indexOf(':') >= 0) {
          encrypted |= content.startsWith("Proc-Type:") && content.contains("ENCRYPTED"); // RFC 1421 header
        } else {
          body.append(content);
        }
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(body.toString());
      } catch (IllegalArgumentException e) {
        throw new TlsException(source + " line " + start + ": the " + type + " block is not valid base64");
      }
      if (der.length == 0) throw new TlsException(source + " line " + start + ": the " + type + " block is empty");
      blocks.add(new Block(type, der, start, encrypted));
      i = end;
    }
    return blocks;
  }

  /** The index of the END line for a block, or -1 when another marker or the end of the text comes first. */
  private static int endOf(String[] lines, int from, String endMarker) {
    for (int j = from; j < lines.length; j++) {
      String content = lines[j].strip();
      if (content.equals(endMarker)) return j;
      if (content.startsWith(BEGIN) || content.startsWith(END)) return -1;
    }
    return -1;
  }
}
