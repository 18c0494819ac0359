package io.secretgate.inject;

import io.secretgate.api.AnnotationLists;
import io.secretgate.api.ApiPatterns;
import io.secretgate.api.SecretgateKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Pod's annotations ask for: the Secrets of {@code secretgate.io/inject-env-from} (trimmed,
 * empty entries ignored, duplicates collapsed, order kept) and, when present, the containers of
 * {@code secretgate.io/inject-containers} (the same rules).
 *
 * @param secrets the Secret names in annotation order; empty when the annotation is absent or lists none
 * @param containers the containers to inject into; empty when every container is meant
 */
public record InjectionRequest(List<String> secrets, Optional<List<String>> containers) {
  static final String ENV_FROM_FIELD = field(SecretgateKeys.ANNOTATION_INJECT_ENV_FROM);
  static final String CONTAINERS_FIELD = field(SecretgateKeys.ANNOTATION_INJECT_CONTAINERS);
  private static final Pattern SECRET_NAME = Pattern.compile(ApiPatterns.DNS1123_SUBDOMAIN);
  private static final int MAX_NAME = 253;

  public InjectionRequest {
    secrets = List.copyOf(secrets);
    containers = containers.map(List::copyOf);
  }

  /**
   * The request in {@code annotations} (values as the Pod holds them).
   *
   * @throws InjectionException INVALID naming every Secret name that is not a DNS-1123 subdomain, and
   *     an inject-containers annotation that names no container
   */
  public static InjectionRequest parse(Map<String, String> annotations) throws InjectionException {
    List<String> secrets = AnnotationLists.names(annotations.get(SecretgateKeys.ANNOTATION_INJECT_ENV_FROM));
    String containersValue = annotations.get(SecretgateKeys.ANNOTATION_INJECT_CONTAINERS);
    Optional<List<String>> containers = containersValue == null ? Optional.empty() : Optional.of(AnnotationLists.names(containersValue));
    List<String> problems = new ArrayList<>();
    for (String s : secrets) {
      if (s.length() > MAX_NAME || !SECRET_NAME.matcher(s).matches()) {
        problems.add(ENV_FROM_FIELD + ": \"" + s + "\" is not a valid Secret name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.',"
            + " starting and ending with a letter or digit, at most 253 characters)");
      }
    }
    if (containers.isPresent() && containers.get().isEmpty()) {
      problems.add(CONTAINERS_FIELD + ": names no container; remove the annotation to inject into every container");
    }
    if (!problems.isEmpty()) throw new InjectionException(InjectionException.Kind.INVALID, problems);
    return new InjectionRequest(secrets, containers);
  }

  /** Whether {@code container} is one to inject into. */
  boolean targets(String container) {
    return containers.isEmpty() || containers.get().contains(container);
  }

  /** How denial messages name an annotation. */
  static String field(String annotation) {
    return "metadata.annotations[" + annotation + "]";
  }
}
