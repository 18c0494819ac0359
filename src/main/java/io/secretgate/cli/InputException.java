package io.secretgate.cli;

/**
 * Bad input to a command (unreadable file, unparsable document, bad flag value). Its message is
 * the one line printed on stderr and already names the file and position; the exit code is 2.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }
}
