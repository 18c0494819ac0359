package io.secretgate.cli;

import io.secretgate.config.ConfigException;
import io.secretgate.tls.TlsException;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.validation.StoreLookupException;
import io.secretgate.vault.InvalidConnectionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The one place where a command's failure becomes a one-line message and an exit code. */
final class ErrorMapper implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    if (ex instanceof InputException || ex instanceof ConfigException || ex instanceof TlsException
        || ex instanceof PolicyUnavailableException || ex instanceof StoreLookupException || ex instanceof InvalidConnectionException) {
      cli.getErr().println("secretgate: " + ex.getMessage());
      return ExitCodes.INPUT;
    }
    cli.getErr().println("secretgate: internal error (" + ex.getClass().getSimpleName() + ")"
        + " in " + cli.getCommandName() + "; please report it with the input that caused it");
    return ExitCodes.INPUT;
  }

  /**
   * The heap ran out, in practice on a large input (picocli lets an Error through): one line that
   * says what to do instead of the JVM's stack trace and its exit code 1, which means a finding.
   */
  static int onOutOfMemory(PrintWriter err) {
    err.println("secretgate: out of memory (the Java heap is full): give the JVM more, e.g. JAVA_OPTS=-Xmx2g for bin/secretgate,"
        + " or pass fewer or smaller files at a time");
    return ExitCodes.INPUT;
  }

  /** A bad flag or argument: one line, with the help to read at its end. */
  static int onParameterError(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    String suggestions = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
        ? "; did you mean " + String.join(" or ", u.getSuggestions()) + "?" : "";
    cli.getErr().println("secretgate: " + ex.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip() + suggestions
        + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
    return ExitCodes.INPUT;
  }
}
