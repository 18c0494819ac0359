package io.secretgate.cli;

import io.secretgate.manifest.ReadFailure;
import io.secretgate.vault.policy.Policy;
import io.secretgate.vault.policy.PolicyFiles;
import io.secretgate.vault.policy.PolicyParseException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads policy files for a command; a bad file is an input error naming file, line and column. */
final class PolicyLoading {
  private PolicyLoading() {}

  static List<Policy> load(List<Path> files) {
    List<Policy> out = new ArrayList<>();
    for (Path file : files) {
      try {
        out.add(PolicyFiles.load(file));
      } catch (PolicyParseException e) {
        throw new InputException(file + ":" + e.line() + ":" + e.column() + ": " + e.reason());
      } catch (IOException e) {
        throw new InputException(file + ": " + unreadable(file, e));
      }
    }
    return out;
  }

  /** Why an input file could not be read: "no such file", "permission denied", "is a directory", ... */
  static String unreadable(Path file, IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : ReadFailure.reason(file, e);
  }
}
