package io.secretgate.cli.validate;

import java.io.PrintWriter;

/** {@code --format} of {@code validate}. */
public enum OutputFormat {
  text,
  json,
  junit;

  public void print(ValidateReport report, PrintWriter out) {
    switch (this) {
      case json -> JsonFormat.print(report, out);
      case junit -> JunitFormat.print(report, out);
      default -> TextFormat.print(report, out);
    }
  }
}
