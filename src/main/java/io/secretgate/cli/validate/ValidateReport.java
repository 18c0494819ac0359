package io.secretgate.cli.validate;

import io.secretgate.manifest.ManifestProblem;
import io.secretgate.validation.DocumentResult;
import java.util.List;

/** Everything {@code validate} found: verdicts per document, and inputs that could not be read. */
public record ValidateReport(List<DocumentResult> documents, List<ManifestProblem> problems) {
  public long denied() {
    return documents.stream().filter(d -> !d.verdict().allowed()).count();
  }
}
