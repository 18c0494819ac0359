package io.secretgate.kube;

/** A store's token could not be read. The message names the Secret and key, never the token. */
public final class TokenReadException extends RuntimeException {
  /** Why. */
  public enum Kind {
    /** The ref names no Secret or no key (both are optional in the CRD, as in ESO). */
    INCOMPLETE_REF,
    SECRET_MISSING,
    KEY_MISSING,
    /** The key is there but holds nothing but whitespace. */
    EMPTY,
    FORBIDDEN,
    UNAVAILABLE
  }

  private final Kind kind;

  TokenReadException(Kind kind, String namespace, String name, String key, int httpCode) {
    super(text(kind, namespace, name, key, httpCode));
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  private static String text(Kind kind, String namespace, String name, String key, int httpCode) {
    String secret = "Secret " + namespace + "/" + name;
    return switch (kind) {
      case INCOMPLETE_REF -> name == null || name.isEmpty() ? "auth.tokenSecretRef names no Secret (name is missing)"
          : "auth.tokenSecretRef names no key of " + secret + " (key is missing)";
      case SECRET_MISSING -> "token " + secret + " not found";
      case KEY_MISSING -> "token " + secret + " has no key \"" + key + "\"";
      case EMPTY -> "token " + secret + " key \"" + key + "\" is empty";
      case FORBIDDEN -> "token " + secret + " may not be read (HTTP " + httpCode + ")";
      case UNAVAILABLE -> "token " + secret + " could not be read (" + (httpCode > 0 ? "HTTP " + httpCode : "no HTTP answer") + ")";
    };
  }
}
