package io.secretgate.vault.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Scans {@code <<ANCHOR} and {@code <<-ANCHOR} heredocs as HCL v1 does. As in HCL, the anchor
 * line that ends the heredoc must itself end with a newline.
 */
final class HeredocScanner {
  private HeredocScanner() {}

  static HclToken scan(HclLexer lexer, int begin, Hcl.Pos start) throws PolicyParseException {
    lexer.advance();
    if (lexer.peek(0) != '<') {
      throw new PolicyParseException(start, "illegal character '<'");
    }
    lexer.advance();
    boolean indented = lexer.peek(0) == '-';
    if (indented) {
      lexer.advance();
    }
    StringBuilder anchor = new StringBuilder();
    while (HclLexer.isLetter(lexer.peek(0)) || HclLexer.isDigit(lexer.peek(0))) {
      anchor.appendCodePoint(lexer.advance());
    }
    if (lexer.peek(0) == '\r' && lexer.peek(1) == '\n') {
      lexer.advance();
    }
    if (lexer.atEnd()) {
      throw new PolicyParseException(start, "heredoc not terminated");
    }
    if (lexer.peek(0) != '\n') {
      throw new PolicyParseException(start, "invalid characters in heredoc anchor");
    }
    if (anchor.isEmpty()) {
      throw new PolicyParseException(start, "zero-length heredoc anchor");
    }
    lexer.advance();
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    while (true) {
      if (lexer.atEnd()) {
        throw new PolicyParseException(start, "heredoc not terminated");
      }
      int c = lexer.advance();
      if (c != '\n') {
        current.appendCodePoint(c);
        continue;
      }
      String line = current.toString();
      current.setLength(0);
      if (isAnchorLine(line, anchor.toString())) {
        String value = indented ? unindent(lines, leadingBlanks(line)) : join(lines);
        return new HclToken(HclToken.Type.HEREDOC, lexer.source(begin), value, start);
      }
      lines.add(line);
    }
  }

  private static boolean isAnchorLine(String line, String anchor) {
    String body = line.stripLeading();
    while (body.endsWith("\r")) {
      body = body.substring(0, body.length() - 1);
    }
    return body.equals(anchor) && line.length() >= anchor.length();
  }

  private static String leadingBlanks(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return line.substring(0, i);
  }

  private static String join(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static String unindent(List<String> lines, String prefix) {
    for (String line : lines) {
      if (!line.startsWith(prefix)) {
        return join(lines).stripTrailing();
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.substring(prefix.length())).append('\n');
    }
    return out.toString();
  }
}
