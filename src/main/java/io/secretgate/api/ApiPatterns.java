package io.secretgate.api;

import java.util.regex.Pattern;

/** The name and key patterns ESO's CRD schema puts on its fields (constants, so annotations can use them). */
public final class ApiPatterns {
  /** A DNS-1123 subdomain (object names): at most 253 characters. */
  public static final String DNS1123_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A DNS-1123 label (namespace names): at most 63 characters. */
  public static final String DNS1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  private static final Pattern LABEL = Pattern.compile(DNS1123_LABEL);

  /** A key of a Secret or ConfigMap: at most 253 characters. */
  public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

  private ApiPatterns() {}

  /** Whether {@code name} is a DNS-1123 label of at most 63 characters: a name the API server takes for a namespace. */
  public static boolean isDns1123Label(String name) {
    return name.length() <= 63 && LABEL.matcher(name).matches();
  }
}
