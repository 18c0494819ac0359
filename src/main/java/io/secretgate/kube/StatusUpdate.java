package io.secretgate.kube;

import io.secretgate.secrets.EsoText;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The status one sync comes to: the Ready condition (reason and one of ESO's fixed messages, never an
 * error text or a value), and for a successful sync the reconcile start time ({@code refreshTime}); the
 * target Secret's name for {@code binding} when the sync wrote or found it.
 */
public record StatusUpdate(boolean ready, String reason, String message, Optional<Instant> refreshTime, Optional<String> bindingName) {

  /** ESO's fixed Ready messages; anything else is refused so that no error text can reach the status. */
  public static final Set<String> FIXED_MESSAGES = Set.of(
      EsoText.MSG_SYNCED, EsoText.MSG_SYNCED_RETAIN, EsoText.MSG_DELETED, EsoText.MSG_MISSING,
      EsoText.MSG_ERROR_GET_SECRET_DATA, EsoText.MSG_ERROR_DELETE_SECRET, EsoText.MSG_ERROR_UPDATE_SECRET,
      EsoText.MSG_ERROR_DELETE_ORPHANED, EsoText.MSG_ERROR_UPDATE_IMMUTABLE, EsoText.MSG_ERROR_BECOME_OWNER,
      EsoText.MSG_ERROR_IS_OWNED, EsoText.MSG_ERROR_INVALID_SPEC);

  public StatusUpdate {
    Objects.requireNonNull(reason, "reason");
    if (!FIXED_MESSAGES.contains(message)) {
      throw new IllegalArgumentException("not one of ESO's fixed condition messages (status never carries error texts)");
    }
    if (ready && refreshTime.isEmpty()) throw new IllegalArgumentException("a successful sync has a refreshTime");
    if (!ready && refreshTime.isPresent()) throw new IllegalArgumentException("a failed sync does not advance refreshTime");
  }

  /** Ready=True: refreshTime = {@code reconcileStart}, syncedResourceVersion = the synced ExternalSecret's. */
  public static StatusUpdate synced(String reason, String message, Instant reconcileStart, Optional<String> bindingName) {
    return new StatusUpdate(true, reason, message, Optional.of(reconcileStart), bindingName);
  }

  /** Ready=False; refreshTime and syncedResourceVersion stay as they are. */
  public static StatusUpdate failed(String reason, String message, Optional<String> bindingName) {
    return new StatusUpdate(false, reason, message, Optional.empty(), bindingName);
  }

  String conditionStatus() {
    return ready ? "True" : "False";
  }
}
