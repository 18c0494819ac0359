package io.secretgate.kube;

import io.secretgate.secrets.EsoText;
import io.secretgate.secrets.SyncEvent;
import java.util.Optional;

/**
 * What {@link SecretWriter#apply} did. {@code detail} is ESO's error text for a refusal (it names the
 * other owner or the immutable Secret, never a value) and empty otherwise.
 */
public record ApplyResult(Outcome outcome, String secretName, Optional<String> detail) {

  /** The outcomes; a refusal carries ESO's fixed condition message. */
  public enum Outcome {
    /** The Secret did not exist and was created. */
    CREATED(null),
    /** The Secret existed and was changed. */
    UPDATED(null),
    /** Nothing to change, nothing written (also: an immutable Secret whose data already matches). */
    UNCHANGED(null),
    /** creationPolicy Merge and the target does not exist: nothing written (ESO: SecretMissing, no error). */
    MISSING(null),
    /** creationPolicy None: nothing read, nothing written. */
    SKIPPED(null),
    /** Another ExternalSecret is the Secret's controller: nothing written. */
    OWNED_BY_OTHER(EsoText.MSG_ERROR_IS_OWNED),
    /** creationPolicy Owner but another kind of object is the Secret's controller: nothing written. */
    OWNERSHIP_REFUSED(EsoText.MSG_ERROR_BECOME_OWNER),
    /** The existing Secret is immutable and its data differs from what we would write: nothing written. */
    IMMUTABLE(EsoText.MSG_ERROR_UPDATE_IMMUTABLE);

    private final String failureMessage;

    Outcome(String failureMessage) {
      this.failureMessage = failureMessage;
    }
  }

  static ApplyResult of(Outcome outcome, String secretName) {
    return new ApplyResult(outcome, secretName, Optional.empty());
  }

  static ApplyResult refused(Outcome outcome, String secretName, String detail) {
    return new ApplyResult(outcome, secretName, Optional.of(detail));
  }

  /** False for the refusals (the sync fails with {@link #failureMessage()}). */
  public boolean ok() {
    return outcome.failureMessage == null;
  }

  /** ESO's fixed Ready=False message for a refusal. */
  public Optional<String> failureMessage() {
    return Optional.ofNullable(outcome.failureMessage);
  }

  /** True when the target Secret exists after the write (ESO then sets {@code status.binding}). */
  public boolean bound() {
    return outcome == Outcome.CREATED || outcome == Outcome.UPDATED || outcome == Outcome.UNCHANGED;
  }

  /** The event ESO records for this outcome: Normal Created/Updated, Warning UpdateFailed for a refusal. */
  public Optional<SyncEvent> event() {
    return switch (outcome) {
      case CREATED -> Optional.of(SyncEvent.normal(EsoText.EVENT_CREATED, EsoText.EVENT_CREATED_MESSAGE));
      case UPDATED -> Optional.of(SyncEvent.normal(EsoText.EVENT_UPDATED, EsoText.EVENT_UPDATED_MESSAGE));
      case OWNED_BY_OTHER, OWNERSHIP_REFUSED, IMMUTABLE ->
          Optional.of(SyncEvent.warning(EsoText.EVENT_UPDATE_FAILED, detail.orElse(outcome.failureMessage)));
      default -> Optional.empty();
    };
  }
}
