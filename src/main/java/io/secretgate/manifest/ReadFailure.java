package io.secretgate.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
    if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isEmpty()) {
      return Character.toLowerCase(f.getReason().charAt(0)) + f.getReason().substring(1); // the system's words: "File name too long"
    }
    return "cannot be read";
  }
}
