package io.secretgate.cli.validate;

import io.secretgate.validation.DocumentResult;
import io.secretgate.validation.Violation;
import java.io.PrintWriter;

/** Human output: one line per document and per finding, {@code file#document} first. */
final class TextFormat {
  private TextFormat() {}

  static void print(ValidateReport report, PrintWriter out) {
    for (DocumentResult d : report.documents()) {
      String who = d.kind() + " " + (d.namespace() == null ? "" : d.namespace() + "/") + d.name();
      out.println(d.source() + ": " + who + ": " + (d.verdict().allowed() ? "allowed" : "DENIED"));
      for (Violation v : d.verdict().violations()) {
        out.println(d.source() + ": " + v.code() + " " + v.field() + ": " + v.message());
      }
      for (String w : d.verdict().warnings()) out.println(d.source() + ": warning: " + w);
    }
    out.println(report.documents().size() + " document(s) checked, " + report.denied() + " denied"
        + (report.problems().isEmpty() ? "" : ", " + report.problems().size() + " input error(s)"));
  }
}
