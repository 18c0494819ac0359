package io.secretgate.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Every file option's value: an empty one (what an unset shell variable gives) is a usage error,
 * not {@code Path.of("")}, the working directory, which was then read ("is a directory") or
 * written to ({@code certs generate --out}).
 */
final class PathConverter implements CommandLine.ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    if (value.isEmpty()) throw new CommandLine.TypeConversionException("an empty path names no file or directory");
    return Path.of(value);
  }
}
