package io.secretgate.rollout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which workloads to roll for a set of Secrets whose data changed (all in one namespace, one batch):
 * each annotated workload that consumes at least one of them, once, with the hash over the
 * data-hashes of every Secret it consumes. A workload whose template already carries that hash is
 * left alone, so writing the same hash twice is a no-op and a rollout can never feed itself. A
 * created Secret (rather than a changed one) rolls only a workload rolled before.
 */
public final class RolloutPlan {
  private RolloutPlan() {}

  /** One workload to roll: the hash to put on its pod template and the changed Secrets that caused it. */
  public record Rollout(Workload workload, String hash, SortedSet<String> changedSecrets) {
    /**
     * What the roll's Event says: the changed Secrets, and for a paused Deployment that its Pods are replaced
     * only once it is resumed (kubectl rollout restart refuses a paused one; the hash is written all the same,
     * so that resuming it brings the new data).
     */
    public String message() {
      String message = "rolled because the data of Secret" + (changedSecrets.size() > 1 ? "s " : " ") + String.join(", ", changedSecrets)
          + " changed";
      return workload.paused() ? message + "; the " + workload.kind() + " is paused: its Pods are replaced once it is resumed" : message;
    }
  }

  /** As {@link #plan(List, Set, Set, Function)} with no Secret created in the batch. */
  public static List<Rollout> plan(List<Workload> workloads, Set<String> changedSecrets, Function<String, Optional<String>> dataHashOf) {
    return plan(workloads, changedSecrets, Set.of(), dataHashOf);
  }

  /**
   * @param changedSecrets Secrets that existed and whose data changed
   * @param createdSecrets Secrets that did not exist and were created (a first sync, or a sync after
   *     someone deleted them): they roll only a workload rolled before (its template carries a hash),
   *     since one never rolled may be starting with the Secret for the first time (a first deployment);
   *     one rolled before is rolled when its hash changes, as for any change
   * @param dataHashOf a Secret's data-hash by name; empty when the Secret does not exist
   */
  public static List<Rollout> plan(List<Workload> workloads, Set<String> changedSecrets, Set<String> createdSecrets,
      Function<String, Optional<String>> dataHashOf) {
    List<Rollout> out = new ArrayList<>();
    for (Workload w : workloads) {
      if (!w.restartOnChange()) continue;
      SortedSet<String> causes = causes(w, changedSecrets, createdSecrets);
      if (causes.isEmpty()) continue;
      String hash = hash(w.consumed(), dataHashOf);
      if (w.currentHash().filter(hash::equals).isPresent()) continue;
      out.add(new Rollout(w, hash, causes));
    }
    return out;
  }

  /** The changed, and for a workload rolled before also the created, Secrets that {@code w} consumes. */
  private static SortedSet<String> causes(Workload w, Set<String> changedSecrets, Set<String> createdSecrets) {
    SortedSet<String> causes = new TreeSet<>(changedSecrets);
    if (w.currentHash().isPresent()) causes.addAll(createdSecrets);
    causes.retainAll(w.consumed());
    return causes;
  }

  /** SHA-256 (hex) over {@code name=dataHash} lines of the Secrets, sorted by name; a missing Secret counts as {@code name=}. */
  public static String hash(SortedSet<String> secretNames, Function<String, Optional<String>> dataHashOf) {
    StringBuilder text = new StringBuilder();
    for (String name : secretNames) text.append(name).append('=').append(dataHashOf.apply(name).orElse("")).append('\n');
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
