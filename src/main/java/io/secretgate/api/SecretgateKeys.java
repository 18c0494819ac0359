package io.secretgate.api;

/** secretgate's own annotations and labels. */
public final class SecretgateKeys {
  public static final String ANNOTATION_INJECT_ENV_FROM = "secretgate.io/inject-env-from";
  public static final String ANNOTATION_INJECT_STATUS = "secretgate.io/inject-status";
  public static final String LABEL_ENFORCEMENT = "secretgate.io/enforcement";

  private SecretgateKeys() {}
}
