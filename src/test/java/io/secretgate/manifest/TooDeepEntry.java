package io.secretgate.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory entry that no walk can open, whoever runs the test (root included): its path is
 * longer than the operating system's limit (4096 bytes on Linux), so reading it fails with "file
 * name too long". It is built by moving one short-pathed tree into another; {@link #close} moves it
 * back so the temporary folder can be deleted.
 */
public final class TooDeepEntry implements AutoCloseable {
  private static final String SEGMENT = "d".repeat(200);

  /** Linux's PATH_MAX, which counts the terminating NUL. */
  private static final int PATH_MAX = 4096;

  private final Path parked;
  private final Path moved;

  private TooDeepEntry(Path parked, Path moved) {
    this.parked = parked;
    this.moved = moved;
  }

  /** The first entry on the way down whose path is too long to open. */
  public Path unopenable() {
    Path p = moved;
    while (p.toString().getBytes(StandardCharsets.UTF_8).length < PATH_MAX) p = p.resolve(SEGMENT);
    return p;
  }

  /** Builds it under {@code dir}, with a manifest at the bottom that no walk can reach. */
  public static TooDeepEntry under(Path dir) throws IOException {
    Path outer = deep(dir.resolve("outer"));
    Path inner = deep(dir.resolve("inner"));
    Files.writeString(inner.resolve("unreachable.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unreachable}\n");
    Path moved = outer.resolve("inner");
    Files.move(dir.resolve("inner"), moved);
    return new TooDeepEntry(dir.resolve("inner"), moved);
  }

  private static Path deep(Path top) throws IOException {
    Path p = top;
    for (int i = 0; i < 12; i++) p = p.resolve(SEGMENT);
    return Files.createDirectories(p);
  }

  @Override
  public void close() throws IOException {
    Files.move(moved, parked);
  }
}
