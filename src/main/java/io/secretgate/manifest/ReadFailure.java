package io.secretgate.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Why a file or directory could not be read, in a few words for a one-line message (never a Java class name). */
public final class ReadFailure {
  private ReadFailure() {}

  /** E.g. {@code permission denied}, {@code not valid UTF-8 text}, {@code is a directory}. */
  public static String reason(Path path, IOException e) {
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof CharacterCodingException) return "not valid UTF-8 text";
    if (e instanceof FileSystemLoopException) return "a symbolic link loop";
    if (Files.isDirectory(path)) return "is a directory";
    return systemWords(e).orElse("cannot be read");
  }

  /** The operating system's own words for a failed file operation ("File name too long" as "file name too long"), if it gave any. */
  public static Optional<String> systemWords(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isEmpty()) {
      return Optional.of(Character.toLowerCase(f.getReason().charAt(0)) + f.getReason().substring(1));
    }
    return Optional.empty();
  }
}
