package io.secretgate.cli;

import io.secretgate.manifest.ReadFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of files a command writes together: refused as a whole when one exists (unless forced),
 * each written to a temporary file beside it and moved into place, so no reader ever sees half a
 * key. Private files get mode 600 from the moment they exist, where the file system has POSIX modes.
 */
final class OutputFiles {
  private final Path dir;
  private final Map<String, String> contents = new LinkedHashMap<>();
  private final Map<String, Boolean> secret = new LinkedHashMap<>();

  OutputFiles(Path dir) {
    this.dir = dir;
  }

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  OutputFiles add(String name, String content, boolean isSecret) {
    contents.put(name, content);
    secret.put(name, isSecret);
    return this;
  }

  Path path(String name) {
    return dir.resolve(name);
  }

  /** Why a write failed, in words for the one-line message (never a Java class name). */
  private static String why(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is in the way";
    return ReadFailure.systemWords(e).orElse("input/output error");
  }

  /** Refuses (exit 2) when any of the files exists and {@code force} is off; names the first one. */
  static void refuseOverwrite(Path dir, List<String> names, boolean force, String hint) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) throw new InputException(dir + ": --out exists and is not a directory");
    if (force) return;
    for (String name : names) {
      Path file = dir.resolve(name);
      if (Files.exists(file)) throw new InputException(file + ": already exists; pass --force to overwrite it" + hint);
    }
  }

  void write() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InputException(dir + ": cannot create the directory (" + why(e) + ")");
    }
    contents.forEach((name, content) -> write(path(name), content, secret.get(name)));
  }

  private void write(Path target, String content, boolean isSecret) {
    Path temp = null;
    try {
      // createTempFile makes the file rw------- on POSIX file systems before anything is written.
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      Files.writeString(temp, content, StandardCharsets.US_ASCII);
      if (posix()) Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(isSecret ? "rw-------" : "rw-r--r--"));
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new InputException(target + ": cannot be written (" + why(e) + ")");
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the move succeeded or the write already failed with its own message
        }
      }
    }
  }
}
