package io.secretgate.manifest;

import java.util.List;

/** What was read from a set of manifest paths: the objects, and what could not be read. */
public record ManifestSet(List<ManifestDocument> documents, List<ManifestProblem> problems) {
  public ManifestSet {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
  }
}
