package io.secretgate.api;

/** Labels and annotations on managed Secrets (ESO's, so both tools recognise each other's Secrets). */
public final class ManagedSecretKeys {
  public static final String LABEL_MANAGED = "reconcile.external-secrets.io/managed";
  public static final String LABEL_CREATED_BY = "reconcile.external-secrets.io/created-by";
  public static final String ANNOTATION_DATA_HASH = "reconcile.external-secrets.io/data-hash";

  private ManagedSecretKeys() {}
}
