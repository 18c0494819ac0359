package io.secretgate.manifest;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * YAML/JSON parse and binding errors as one line each. The YAML parser's own message quotes the
 * lines around the error, which may hold a secret value, and Jackson's names Java types, so only
 * the problem, its position and the field path are used.
 */
public final class ParseErrors {
  /**
   * An alias with no anchor, said without its name: an unquoted value that starts with {@code *} (a
   * password, a token) is read as an alias named by the rest of the value.
   */
  static final String NO_ANCHOR = "an alias (*...) names no anchor before it in its document; quote a value that starts with *";

  private ParseErrors() {}

  /** {@code NAME:LINE:COLUMN: not valid YAML/JSON: PROBLEM} for a syntax error of the YAML parser, found along the causes of {@code e}. */
  public static Optional<ManifestProblem> yamlSyntax(String name, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYamlEngineException y && y.getProblem() != null) {
        String location = y.getProblemMark().map(m -> name + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(name);
        String problem = firstLine(y.getProblem());
        return Optional.of(new ManifestProblem(location, "not valid YAML/JSON: " + (problem.startsWith("found undefined alias") ? NO_ANCHOR : problem)));
      }
    }
    return Optional.empty();
  }

  /** A syntax error of a YAML or JSON document named {@code name}. */
  static ManifestProblem syntax(String name, JacksonException e) {
    return yamlSyntax(name, e).orElseGet(() -> new ManifestProblem(position(name, e.getLocation()), "not valid YAML/JSON: " + jsonWords(firstLine(e.getOriginalMessage()))));
  }

  /**
   * The JSON parser's message without the token it could not read (a value, maybe a secret) and
   * without its notes on its own settings and source, which say nothing to the user.
   */
  private static String jsonWords(String message) {
    return message.replaceFirst("^Unrecognized token '.*': was expecting", "Unrecognized token: was expecting")
        .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
        .replaceAll(": enable `[^`]*` to allow$", "")
        .replaceAll("\\s*\\(not recognized as one since Feature '[^']*' not enabled for parser\\)", "");
  }

  /**
   * Where binding failed, e.g. {@code spec.data[0].remoteRef}; {@code prefix} is the path of the
   * bound node ({@code ""} for a whole document).
   */
  public static String fieldPath(JacksonException e, String prefix) {
    String path = e.getPath().stream()
        .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
        .reduce(prefix, String::concat);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  /** Parser messages may go on with an excerpt of the input on the next lines; stderr gets one line. */
  private static String firstLine(String message) {
    return message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
  }

  private static String position(String name, TokenStreamLocation loc) {
    if (loc == null || loc.getLineNr() < 1) return name;
    return name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
  }
}
