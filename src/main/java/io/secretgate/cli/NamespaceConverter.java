package io.secretgate.cli;

import io.secretgate.api.ApiPatterns;
import picocli.CommandLine;

/**
 * {@code --namespace} of validate and review: a name the API server takes for a namespace. Any
 * other value (an empty one, {@code Payments}) became the namespace of every document naming none.
 */
final class NamespaceConverter implements CommandLine.ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (!ApiPatterns.isDns1123Label(value)) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a valid namespace name"
          + " (a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters)");
    }
    return value;
  }
}
