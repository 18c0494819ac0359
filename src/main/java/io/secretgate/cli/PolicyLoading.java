package io.secretgate.cli;

import io.secretgate.vault.policy.Policy;
import io.secretgate.vault.policy.PolicyFiles;
import io.secretgate.vault.policy.PolicyParseException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
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
        throw new InputException(file + ": " + unreadable(e));
      }
    }
    return out;
  }

  private static String unreadable(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof CharacterCodingException) return "not valid UTF-8 text";
    return "cannot read the file (" + e.getClass().getSimpleName() + ")";
  }
}
