package io.secretgate.sync;

import io.fabric8.kubernetes.client.CustomResource;
import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.SecretStoreStatus;
import java.util.Objects;

/**
 * What an event on a SecretStore or ClusterSecretStore asks of the controller, as a pure decision.
 * An update that changes neither the spec nor the store's readiness (the status of its Ready
 * condition) asks for nothing: the controller's own status writes, informer resyncs and relists
 * after a watch reconnect arrive as such updates, and must not sync ExternalSecrets or check the
 * store again (which may write its status again).
 */
enum StoreChange {
  /** A new store: check it, watch its token Secret, and sync the ExternalSecrets that were waiting for it. */
  ADDED(true, true, Users.ENQUEUE),
  /** The store is gone: stop watching its token Secret; its ExternalSecrets sync to report it missing. */
  DELETED(false, true, Users.ENQUEUE),
  /** The spec changed: check the store again, re-target the token watches and sync its ExternalSecrets now, due or not. */
  SPEC_CHANGED(true, true, Users.RESYNC),
  /** Only the readiness changed: its ExternalSecrets sync (those that failed on the store recover); the check that wrote it is not repeated. */
  READINESS_CHANGED(false, false, Users.ENQUEUE),
  /** Nothing the controller acts on changed. */
  NONE(false, false, Users.NONE);

  /** What the ExternalSecrets that use the store need. */
  enum Users {
    NONE,
    /** Queued: each syncs if a sync is due (never synced, changed, refresh elapsed). */
    ENQUEUE,
    /** Queued and asked to sync even when no refresh is due. */
    RESYNC
  }

  private final boolean check;
  private final boolean retargetTokens;
  private final Users users;

  StoreChange(boolean check, boolean retargetTokens, Users users) {
    this.check = check;
    this.retargetTokens = retargetTokens;
    this.users = users;
  }

  /** Whether the store's readiness is checked again (against Vault, then written to its status). */
  boolean check() {
    return check;
  }

  /** Whether the token Secret watches are set again to exactly the Secrets the stores name now. */
  boolean retargetTokens() {
    return retargetTokens;
  }

  Users users() {
    return users;
  }

  /**
   * An update from {@code old} to {@code now}. The specs are compared as JSON trees: the model
   * classes have no {@code equals}, and {@code metadata.generation} is not bumped reliably by every
   * API server (the fabric8 mock server does not).
   */
  static StoreChange ofUpdate(CustomResource<SecretStoreSpec, SecretStoreStatus> old, CustomResource<SecretStoreSpec, SecretStoreStatus> now) {
    if (!sameSpec(old.getSpec(), now.getSpec())) return SPEC_CHANGED;
    if (!Objects.equals(readiness(old.getStatus()), readiness(now.getStatus()))) return READINESS_CHANGED;
    return NONE;
  }

  static boolean sameSpec(SecretStoreSpec a, SecretStoreSpec b) {
    return SpecTrees.same(a, b);
  }

  /** The status ("True", "False", ...) of the Ready condition; null when there is none. */
  static String readiness(SecretStoreStatus status) {
    if (status == null || status.conditions == null) return null;
    return status.conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().map(c -> c.status).orElse(null);
  }
}
