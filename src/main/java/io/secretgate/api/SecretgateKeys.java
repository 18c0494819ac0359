package io.secretgate.api;

/** secretgate's own annotations and labels. */
public final class SecretgateKeys {
  public static final String ANNOTATION_INJECT_ENV_FROM = "secretgate.io/inject-env-from";
  public static final String ANNOTATION_INJECT_STATUS = "secretgate.io/inject-status";
  /** On a Pod: the containers (and init containers) to inject into, comma-separated; all when absent. */
  public static final String ANNOTATION_INJECT_CONTAINERS = "secretgate.io/inject-containers";
  /** The value of {@link #ANNOTATION_INJECT_STATUS} the injector writes. */
  public static final String INJECT_STATUS_INJECTED = "injected";
  public static final String LABEL_ENFORCEMENT = "secretgate.io/enforcement";
  /**
   * On a managed Secret, one per ExternalSecret that wrote there: this prefix and the ExternalSecret's
   * name (or {@code sha3_<SHA3-224 hex of the name>} when the name is longer than the 63 characters an
   * annotation name allows). The value names the data keys, labels and annotations that ExternalSecret
   * wrote (names only, as JSON {@code {"annotations":[...],"data":[...],"labels":[...]}}), so that its
   * later writes remove its own stale entries and nothing else (ESO keeps the same bookkeeping in one
   * managedFields entry per ExternalSecret).
   */
  public static final String ANNOTATION_MANAGED_KEYS_PREFIX = "managed-keys.secretgate.io/";
  /**
   * The bookkeeping of earlier releases: one list per Secret, whichever ExternalSecret wrote last.
   * Read only for a Secret its ExternalSecret controls, and removed by the next write.
   */
  public static final String ANNOTATION_LEGACY_MANAGED_KEYS = "secretgate.io/managed-keys";
  /** On a Deployment, StatefulSet or DaemonSet: {@code "true"} rolls it when the data of a Secret it consumes changes. */
  public static final String ANNOTATION_RESTART_ON_CHANGE = "secretgate.io/restart-on-change";
  /** On a rolled workload's pod template: the hash over the data-hashes of the Secrets it consumes. */
  public static final String ANNOTATION_SECRET_HASH = "secretgate.io/secret-hash";

  private SecretgateKeys() {}
}
