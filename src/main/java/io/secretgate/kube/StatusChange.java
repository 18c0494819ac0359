package io.secretgate.kube;

import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecretStatus;
import io.secretgate.api.SecretBinding;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The next ExternalSecret status, computed from the current one as ESO's SetExternalSecretCondition does. Pure. */
final class StatusChange {
  static final String READY = "Ready";

  private StatusChange() {}

  static ExternalSecretStatus next(ExternalSecretStatus current, StatusUpdate update, String syncedResourceVersion, Instant now) {
    ExternalSecretStatus next = copy(current);
    Condition old = ready(current);
    Condition cond = new Condition();
    cond.type = READY;
    cond.status = update.conditionStatus();
    cond.reason = update.reason();
    cond.message = update.message();
    boolean same = old != null && Objects.equals(old.status, cond.status) && Objects.equals(old.reason, cond.reason)
        && Objects.equals(old.message, cond.message);
    if (!same) {
      // ESO keeps lastTransitionTime while the condition's status stays the same (even if the reason moves)
      cond.lastTransitionTime = old != null && Objects.equals(old.status, cond.status) ? old.lastTransitionTime : time(now);
      List<Condition> conditions = new ArrayList<>();
      for (Condition c : next.conditions == null ? List.<Condition>of() : next.conditions) {
        if (!READY.equals(c.type)) conditions.add(c);
      }
      conditions.add(cond);
      next.conditions = conditions;
    }
    update.refreshTime().ifPresent(t -> {
      next.refreshTime = time(t);
      next.syncedResourceVersion = syncedResourceVersion;
    });
    update.bindingName().ifPresent(name -> {
      next.binding = new SecretBinding();
      next.binding.name = name;
    });
    return next;
  }

  /** Kubernetes' {@code metav1.Time} text: RFC 3339 in UTC, whole seconds. */
  static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  static Condition ready(ExternalSecretStatus status) {
    if (status == null || status.conditions == null) return null;
    return status.conditions.stream().filter(c -> READY.equals(c.type)).findFirst().orElse(null);
  }

  private static ExternalSecretStatus copy(ExternalSecretStatus s) {
    ExternalSecretStatus out = new ExternalSecretStatus();
    if (s == null) return out;
    out.refreshTime = s.refreshTime;
    out.syncedResourceVersion = s.syncedResourceVersion;
    if (s.binding != null) {
      out.binding = new SecretBinding();
      out.binding.name = s.binding.name;
    }
    if (s.conditions != null) {
      out.conditions = new ArrayList<>();
      for (Condition c : s.conditions) {
        Condition d = new Condition();
        d.type = c.type;
        d.status = c.status;
        d.reason = c.reason;
        d.message = c.message;
        d.lastTransitionTime = c.lastTransitionTime;
        out.conditions.add(d);
      }
    }
    return out;
  }
}
