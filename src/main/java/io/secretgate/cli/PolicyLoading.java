package io.secretgate.cli;

import io.secretgate.vault.policy.Policy;
import io.secretgate.vault.policy.PolicyFiles;
import io.secretgate.vault.policy.PolicyParseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads policy files for a command; a bad file is an input error naming file, line and column. */
final class PolicyLoading {
  private PolicyLoading() {}

  static List<Policy> load(List<Path> files) {
    List<Policy> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(PolicyFiles.load(f));
      } catch (IOException e) {
        throw new InputException(f + ": cannot read policy file");
      } catch (PolicyParseException e) {
        throw new InputException(f + ":" + e.line() + ":" + e.column() + ": " + e.reason());
      }
    }
    return out;
  }
}
