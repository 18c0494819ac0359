package io.secretgate.cli;

import io.secretgate.manifest.ManifestReader;
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
    if (value.isEmpty()) throw new CommandLine.TypeConversionException(ManifestReader.EMPTY_PATH);
    return Path.of(value);
  }
}
