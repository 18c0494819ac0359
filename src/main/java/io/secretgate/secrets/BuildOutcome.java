package io.secretgate.secrets;

import java.util.List;
import java.util.Optional;

/**
 * What one sync of an ExternalSecret comes to, before anything is written. Every outcome carries
 * the Normal events ESO would record on the way (e.g. {@code MissingProviderSecret}).
 */
public sealed interface BuildOutcome {

  /** Events recorded on the way to this outcome (not including a failure's own Warning). */
  List<SyncEvent> events();

  /** Write {@code secret} (how depends on {@link DesiredSecret#creationPolicy()}). */
  record Write(DesiredSecret secret, List<SyncEvent> events) implements BuildOutcome {
    public Write {
      events = List.copyOf(events);
    }
  }

  /**
   * The provider returned nothing and {@code deletionPolicy} is Retain: leave the Secret as it is.
   * ESO sets Ready=True, reason {@link EsoText#REASON_SYNCED}, message {@link EsoText#MSG_SYNCED_RETAIN}.
   */
  record Retain(String secretName, List<SyncEvent> events) implements BuildOutcome {
    public Retain {
      events = List.copyOf(events);
    }
  }

  /**
   * The provider returned nothing and {@code deletionPolicy} is Delete (with creationPolicy Owner):
   * delete the Secret if it exists (then a Normal {@code Deleted} event {@link EsoText#EVENT_DELETED}).
   * ESO sets Ready=True, reason {@link EsoText#REASON_DELETED}, message {@link EsoText#MSG_DELETED}.
   */
  record Delete(String secretName, List<SyncEvent> events) implements BuildOutcome {
    public Delete {
      events = List.copyOf(events);
    }
  }

  /**
   * The sync fails: Ready=False with {@code reason} and the fixed {@code message}; the full error
   * {@code eventText} goes to a Warning event {@link EsoText#EVENT_UPDATE_FAILED} and the log. The
   * existing Secret must be left as it is.
   */
  record Failed(
      String reason,
      String message,
      String eventText,
      FailureKind kind,
      Optional<SecretSourceException.Reason> sourceReason,
      List<SyncEvent> events)
      implements BuildOutcome {
    public Failed {
      events = List.copyOf(events);
    }

    /** The Warning event ESO records for this failure. */
    public SyncEvent warningEvent() {
      return SyncEvent.warning(EsoText.EVENT_UPDATE_FAILED, eventText);
    }
  }

  /** Why a sync failed; the controller maps it to a retry decision. */
  enum FailureKind {
    /** The secret source failed (see {@link Failed#sourceReason()}), incl. a missing secret under Retain. */
    SOURCE,
    /** ESO fails on this data too: missing property, bad base64, invalid keys, template error. */
    DATA,
    /** ESO would succeed but secretgate does not implement the construct named in the event text. */
    UNSUPPORTED,
    /** The spec asks for something ESO refuses at sync time (Delete without creationPolicy Owner). */
    POLICY
  }
}
