package io.secretgate.cli.validate;

import io.secretgate.manifest.ManifestProblem;
import io.secretgate.validation.DocumentResult;
import io.secretgate.validation.Violation;
import java.io.PrintWriter;

/** JUnit XML, which CI systems display: a test case per document, a failure per violation. */
final class JunitFormat {
  private static final int REPLACEMENT = 0xFFFD;

  private JunitFormat() {}

  static void print(ValidateReport report, PrintWriter out) {
    int tests = report.documents().size() + report.problems().size();
    String counts = " tests=\"" + tests + "\" failures=\"" + report.denied() + "\" errors=\"" + report.problems().size() + "\"";
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.println("<testsuites name=\"secretgate validate\"" + counts + ">");
    out.println("  <testsuite name=\"secretgate validate\"" + counts + " skipped=\"0\">");
    for (DocumentResult d : report.documents()) printCase(d, out);
    for (ManifestProblem p : report.problems()) {
      out.println("    <testcase classname=\"" + esc(p.location()) + "\" name=\"read\">");
      out.println("      <error type=\"INPUT\" message=\"" + esc(p.message()) + "\"/>");
      out.println("    </testcase>");
    }
    out.println("  </testsuite>");
    out.println("</testsuites>");
  }

  private static void printCase(DocumentResult d, PrintWriter out) {
    String name = TextFormat.who(d);
    out.println("    <testcase classname=\"" + esc(d.source()) + "\" name=\"" + esc(name) + "\">");
    if (!d.verdict().allowed()) {
      Violation first = d.verdict().violations().get(0);
      StringBuilder body = new StringBuilder();
      for (Violation v : d.verdict().violations()) body.append(v.code()).append(' ').append(v.field()).append(": ").append(v.message()).append('\n');
      out.println("      <failure type=\"" + first.code() + "\" message=\"" + esc(first.field() + ": " + first.message()) + "\">"
          + esc(body.toString()) + "</failure>");
    }
    if (!d.verdict().warnings().isEmpty()) {
      out.println("      <system-out>" + esc(String.join("\n", d.verdict().warnings())) + "</system-out>");
    }
    out.println("    </testcase>");
  }

  /**
   * Escapes markup, and replaces with U+FFFD every character XML 1.0 does not allow at all (control
   * characters, unpaired surrogates, U+FFFE, U+FFFF): a character reference to them is not
   * well-formed either.
   */
  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.appendCodePoint(isXmlChar(c) ? c : REPLACEMENT);
      }
    });
    return b.toString();
  }

  /** XML 1.0's Char production. */
  private static boolean isXmlChar(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
  }
}
