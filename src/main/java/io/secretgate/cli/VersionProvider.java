package io.secretgate.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest ("dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"secretgate " + (v == null ? "dev" : v)};
  }
}
