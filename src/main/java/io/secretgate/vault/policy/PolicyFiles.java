package io.secretgate.vault.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads policy files: the policy name is the file name without {@code .hcl}/{@code .json}, lower-cased. */
public final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * Reads and parses {@code file} (UTF-8). A file named {@code root.hcl} (or {@code root.json},
   * {@code root}) is the root policy, whatever it contains.
   */
  public static Policy load(Path file) throws IOException, PolicyParseException {
    String text = Files.readString(file);
    return PolicyParser.parse(policyName(file), text);
  }

  /** {@code secret-reader.HCL} → {@code secret-reader}. */
  public static String policyName(Path file) {
    Path fileName = file.getFileName();
    String name = fileName == null ? "" : fileName.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    for (String extension : new String[] {".hcl", ".json"}) {
      if (lower.endsWith(extension)) {
        return lower.substring(0, lower.length() - extension.length());
      }
    }
    return lower;
  }
}
