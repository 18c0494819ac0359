package io.secretgate.secrets;

import io.secretgate.secrets.BuildOutcome.FailureKind;

/**
 * An error on the way to the desired Secret, with ESO's text (built like Go's {@code %w}
 * wrapping) and whether it is ESO's NoSecretError. Messages are assembled from fixed texts, keys,
 * paths and properties only: never from secret values. No stack trace, no cause.
 */
final class SyncError extends Exception {
  private final FailureKind kind;
  private final boolean noSecret;
  private final SecretSourceException.Reason sourceReason;

  SyncError(String message, FailureKind kind, boolean noSecret, SecretSourceException.Reason sourceReason) {
    super(message, null, false, false);
    this.kind = kind;
    this.noSecret = noSecret;
    this.sourceReason = sourceReason;
  }

  static SyncError data(String message) {
    return new SyncError(message, FailureKind.DATA, false, null);
  }

  static SyncError unsupported(String what) {
    return new SyncError("secretgate does not support " + what, FailureKind.UNSUPPORTED, false, null);
  }

  static SyncError from(SecretSourceException e) {
    return new SyncError(e.getMessage(), FailureKind.SOURCE, e instanceof NoSecretException, e.reason());
  }

  /** {@code fmt.Errorf(prefix + "%w", this)}. */
  SyncError wrap(String prefix) {
    return new SyncError(prefix + getMessage(), kind, noSecret, sourceReason);
  }

  FailureKind kind() {
    return kind;
  }

  boolean isNoSecret() {
    return noSecret;
  }

  SecretSourceException.Reason sourceReason() {
    return sourceReason;
  }
}
