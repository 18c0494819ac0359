package io.secretgate.sync;

import io.fabric8.kubernetes.api.model.Secret;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultProvider;
import io.secretgate.config.GoDuration;
import io.secretgate.kube.ApplyResult;
import io.secretgate.kube.CaReadException;
import io.secretgate.kube.CleanupFinalizer;
import io.secretgate.kube.Events;
import io.secretgate.kube.KubeWriteException;
import io.secretgate.kube.SecretDeleter;
import io.secretgate.kube.SecretWriter;
import io.secretgate.kube.StatusUpdate;
import io.secretgate.kube.StatusWriter;
import io.secretgate.kube.SyncedResourceVersion;
import io.secretgate.kube.TokenReadException;
import io.secretgate.secrets.BuildOutcome;
import io.secretgate.secrets.DataHash;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.secrets.EsoText;
import io.secretgate.secrets.BuildOutcome.FailureKind;
import io.secretgate.secrets.SecretSource;
import io.secretgate.secrets.SecretSources;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.validation.NamespaceConditions;
import io.secretgate.validation.SpecRules;
import io.secretgate.validation.Store;
import io.secretgate.validation.Violation;
import io.secretgate.validation.StoreLookup;
import io.secretgate.vault.InvalidConnectionException;
import io.secretgate.vault.KvSecretSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one ExternalSecret, as a short pipeline: find it, decide whether Vault must be read,
 * resolve its stores, build the desired Secret (pure), write it, record status and events. When
 * Vault or Kubernetes fails, nothing is written to the Secret: status and an event say why, and
 * the key is retried with backoff.
 */
public final class ExternalSecretReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalSecretReconciler.class);
  /** Our Warning event reason (not ESO's) when Vault answered 429; the message says how long we wait. */
  static final String REASON_VAULT_RATE_LIMITED = "VaultRateLimited";
  private static final String KIND = "ExternalSecret";

  private final SyncCluster cluster;
  private final StoreLookup stores;
  private final VaultConnections vaults;
  private final DesiredSecretBuilder builder;
  private final Clock clock;
  private final Finalization finalization;
  private final ResyncRequests resyncs;
  private final OwnWrites own;
  private final SyncLog syncLog = new SyncLog();

  public ExternalSecretReconciler(SyncCluster cluster, StoreLookup stores, VaultConnections vaults, DesiredSecretBuilder builder, Clock clock) {
    this(cluster, stores, vaults, builder, clock, new ResyncRequests());
  }

  /** {@code resyncs}: keys to sync at their next run even when no refresh is due (a store's token changed). */
  public ExternalSecretReconciler(SyncCluster cluster, StoreLookup stores, VaultConnections vaults, DesiredSecretBuilder builder, Clock clock,
      ResyncRequests resyncs) {
    this.resyncs = resyncs;
    this.cluster = cluster;
    this.stores = stores;
    this.vaults = vaults;
    this.builder = builder;
    this.clock = clock;
    this.finalization = new Finalization(cluster.finalizer(), cluster.deleter());
    this.own = new OwnWrites(clock, Duration.ofSeconds(30));
  }

  /** The managed-Secret informer delivered an event on {@code secretKey} ("namespace/name"). */
  public void secretSeen(String secretKey) {
    own.sawSecret(secretKey);
  }

  /** Forgets own writes the informers never showed (called periodically). */
  public void expireOwnWrites() {
    own.expire();
  }

  /** Everything the reconciler reads from and writes to Kubernetes. */
  public record SyncCluster(
      Function<String, ExternalSecret> externalSecrets,
      Function<String, Secret> managedSecrets,
      SecretWriter writer,
      SecretDeleter deleter,
      StatusWriter status,
      Events events,
      CleanupFinalizer finalizer) {}

  /** The ExternalSecret {@code key} is gone: drop what is kept about it (a sync still requested for it). */
  public void forget(String key) {
    resyncs.take(key);
  }

  public SyncResult reconcile(String key) {
    ExternalSecret es = cluster.externalSecrets().apply(key);
    if (es == null) return new SyncResult.Gone();
    if (ofAnotherController(es)) return new SyncResult.Gone(); // nothing written, nothing reported
    Optional<SyncResult> finalized = finalization.reconcile(es);
    if (finalized.isPresent()) return finalized.get();
    Instant start = clock.instant();
    List<Violation> invalid = SpecRules.violations(es.getSpec());
    if (!invalid.isEmpty()) return blocked(es, describe(invalid), start);
    Optional<Duration> interval = GoDuration.parse(es.getSpec().effectiveRefreshInterval());
    RefreshSchedule.Inputs inputs = refreshInputs(es, interval.get());
    boolean requested = resyncs.take(key);
    RefreshSchedule.Decision decision = requested ? RefreshSchedule.requested(inputs, start) : RefreshSchedule.decide(inputs, start);
    if (decision instanceof RefreshSchedule.Decision.WaitUntil w) return SyncResult.notDue(es, Optional.of(Duration.between(start, w.at())));
    if (decision instanceof RefreshSchedule.Decision.UntilChanged) return SyncResult.notDue(es, Optional.empty());
    boolean fresh = ((RefreshSchedule.Decision.SyncNow) decision).cause().wantsFreshRead();
    SyncResult result = sync(es, start, interval.get(), fresh);
    // a requested sync is owed until one succeeds: its retry must sync again, not find no refresh due
    if (requested && !(result instanceof SyncResult.Done)) resyncs.request(key);
    return result;
  }

  /**
   * Whether {@code es} belongs to another controller, so that no status, event, finalizer or Secret of
   * ours touches it: a store it names has another controller class (ESO skips it then), or every store
   * it names that exists has a provider other than Vault (aws, gcp, ...; DESIGN.md). A missing store, a
   * store without a provider or a mix with a Vault store is ours, and fails.
   */
  private boolean ofAnotherController(ExternalSecret es) {
    List<Store> found = TokenRotation.storeRefs(es).stream().flatMap(r -> stores.find(r.effectiveKind(), r.name, ns(es)).stream()).toList();
    if (found.stream().anyMatch(s -> ControllerClass.another(s.spec()))) return true;
    return !found.isEmpty() && found.stream().allMatch(s -> s.spec() != null && s.spec().provider != null && s.spec().provider.vault == null
        && !s.spec().provider.providerNames().isEmpty());
  }

  /** Runs the sync; the failures of its steps are mapped to status, event and retry here, in one place. */
  private SyncResult sync(ExternalSecret es, Instant start, Duration interval, boolean freshReads) {
    try {
      return syncAndReport(es, start, interval, freshReads);
    } catch (KubeWriteException e) { // the status write itself failed (RBAC, conflicts): the status cannot say it, the log does
      LOG.warn("sync ExternalSecret {}/{}: could not write its status, retrying: {}", ns(es), name(es), e.getMessage());
      return SyncResult.unreported(es, e.getMessage());
    }
  }

  private SyncResult syncAndReport(ExternalSecret es, Instant start, Duration interval, boolean freshReads) {
    try {
      return readAndWrite(es, start, interval, freshReads);
    } catch (StoreUnavailable e) {
      return fail(es, EsoText.REASON_SYNCED_ERROR, EsoText.MSG_ERROR_GET_SECRET_DATA, e.getMessage(), !e.configError, start);
    } catch (KubeStepFailed e) {
      // RBAC (403), a refused object (422), conflicts or an unreachable API server: nothing more was
      // written; an RBAC or cluster fix heals it without an ExternalSecret change, so retry with backoff
      return fail(es, EsoText.REASON_SYNCED_ERROR, e.esoMessage, e.esoMessage + ": " + e.getCause().getMessage(), true, start);
    }
  }

  private SyncResult readAndWrite(ExternalSecret es, Instant start, Duration interval, boolean freshReads) {
    RateLimitNote rateLimit = new RateLimitNote();
    BuildOutcome outcome = builder.build(es, sources(es, freshReads, rateLimit));
    outcome.events().forEach(ev -> cluster.events().record(es, ev));
    if (outcome instanceof BuildOutcome.Write w) return write(es, w, start, interval);
    if (outcome instanceof BuildOutcome.Retain) {
      return succeed(es, SyncLog.Outcome.UNCHANGED, EsoText.MSG_SYNCED_RETAIN, EsoText.REASON_SYNCED, start, interval, Optional.empty());
    }
    if (outcome instanceof BuildOutcome.Delete d) return delete(es, d, start, interval);
    BuildOutcome.Failed f = (BuildOutcome.Failed) outcome;
    if (rateLimit.limited()) return rateLimited(es, f, rateLimit.retryAfter(), start);
    boolean heals = f.kind() == FailureKind.SOURCE || f.kind() == FailureKind.DATA;
    return fail(es, f.reason(), f.message(), f.eventText(), heals, start);
  }

  private SyncResult write(ExternalSecret es, BuildOutcome.Write w, Instant start, Duration interval) {
    ApplyResult applied = kubeStep(EsoText.MSG_ERROR_UPDATE_SECRET, () -> cluster.writer().apply(w.secret(), es));
    if (applied.ok()) applied.event().ifPresent(ev -> cluster.events().record(es, ev)); // a refusal's Warning: fail() below
    if (applied.outcome() == ApplyResult.Outcome.MISSING) {
      return succeed(es, SyncLog.Outcome.SKIPPED, EsoText.MSG_MISSING, EsoText.REASON_MISSING, start, interval, Optional.empty());
    }
    if (applied.outcome() == ApplyResult.Outcome.CREATED || applied.outcome() == ApplyResult.Outcome.UPDATED) {
      own.wroteSecret(ns(es) + "/" + applied.secretName());
    }
    if (!applied.ok()) {
      return fail(es, EsoText.REASON_SYNCED_ERROR, applied.failureMessage().orElse(EsoText.MSG_ERROR_UPDATE_SECRET),
          applied.detail().orElse(applied.failureMessage().orElse("")), false, start);
    }
    if (w.secret().creationPolicy() == io.secretgate.api.CreationPolicy.Owner) {
      List<String> orphans = kubeStep(EsoText.MSG_ERROR_DELETE_ORPHANED, () -> cluster.deleter().deleteOrphans(es, applied.secretName()));
      orphans.forEach(o -> cluster.events().record(es, SyncEvent.normal(EsoText.EVENT_DELETED, EsoText.EVENT_DELETED_ORPHANED_MESSAGE)));
    }
    return succeed(es, logOutcome(applied.outcome()), EsoText.MSG_SYNCED, EsoText.REASON_SYNCED, start, interval,
        applied.bound() ? Optional.of(applied.secretName()) : Optional.empty());
  }

  private SyncResult delete(ExternalSecret es, BuildOutcome.Delete d, Instant start, Duration interval) {
    SecretDeleter.DeleteResult r = kubeStep(EsoText.MSG_ERROR_DELETE_SECRET, () -> cluster.deleter().deleteIfControlled(es, d.secretName()));
    if (r == SecretDeleter.DeleteResult.NOT_CONTROLLED) {
      return fail(es, EsoText.REASON_SYNCED_ERROR, EsoText.MSG_ERROR_DELETE_SECRET, "target is not controlled by this ExternalSecret", false, start);
    }
    if (r == SecretDeleter.DeleteResult.DELETED) cluster.events().record(es, SyncEvent.normal(EsoText.EVENT_DELETED, EsoText.EVENT_DELETED_MESSAGE));
    return succeed(es, SyncLog.Outcome.DELETED, EsoText.MSG_DELETED, EsoText.REASON_DELETED, start, interval, Optional.empty());
  }

  /** {@code binding}: the Secret the sync created, updated or found as wanted (ESO binds only then); empty keeps the binding as it is. */
  private SyncResult succeed(ExternalSecret es, SyncLog.Outcome outcome, String message, String reason, Instant start, Duration interval,
      Optional<String> binding) {
    StatusWriter.Result written = cluster.status().write(es, StatusUpdate.synced(reason, message, start, binding));
    syncLog.outcome(KIND, ns(es), name(es), outcome, reason, Duration.between(start, clock.instant()));
    if (written == StatusWriter.Result.WRITTEN && es.getMetadata().getResourceVersion() != null) {
      own.wroteStatus(ns(es) + "/" + name(es),
          new OwnWrites.Status(es.getMetadata().getResourceVersion(), start, SyncedResourceVersion.of(es), clock.instant()));
    }
    return SyncResult.synced(RefreshSchedule.syncsOnce(interval) ? Optional.empty() : Optional.of(interval));
  }

  private SyncResult fail(ExternalSecret es, String reason, String message, String detail, boolean retry, Instant start) {
    syncLog.failure(KIND, ns(es), name(es), reason, detail, Duration.between(start, clock.instant()));
    cluster.events().record(es, SyncEvent.warning(EsoText.EVENT_UPDATE_FAILED, detail));
    cluster.status().write(es, StatusUpdate.failed(reason, message, Optional.empty()));
    return retry ? new SyncResult.Retry(detail) : new SyncResult.Blocked(detail);
  }

  /** Vault answered 429: ESO's failure status and event, plus a Warning that says how long we wait. */
  private SyncResult rateLimited(ExternalSecret es, BuildOutcome.Failed f, Optional<Duration> retryAfter, Instant start) {
    fail(es, f.reason(), f.message(), f.eventText(), true, start);
    String wait = retryAfter.map(d -> "Vault asked to retry after " + d.toSeconds() + "s (Retry-After); the next attempt waits at least that long")
        .orElse("Vault sent no Retry-After; the next attempt waits for the backoff");
    cluster.events().record(es, SyncEvent.warning(REASON_VAULT_RATE_LIMITED, "Vault refused the read with 429 (rate limit or quota): " + wait));
    return new SyncResult.RateLimited(f.eventText(), retryAfter);
  }

  private SyncResult blocked(ExternalSecret es, String detail, Instant start) {
    return fail(es, EsoText.REASON_SYNCED_ERROR, EsoText.MSG_ERROR_INVALID_SPEC, detail, false, start);
  }

  /** The log's outcome of a write that did not fail: SYNCED when the Secret was written. */
  private static SyncLog.Outcome logOutcome(ApplyResult.Outcome applied) {
    return switch (applied) {
      case CREATED, UPDATED -> SyncLog.Outcome.SYNCED;
      case UNCHANGED -> SyncLog.Outcome.UNCHANGED;
      default -> SyncLog.Outcome.SKIPPED;
    };
  }

  private static String describe(List<Violation> violations) {
    StringBuilder b = new StringBuilder("invalid spec:");
    for (Violation v : violations) b.append(' ').append(v.field()).append(": ").append(v.code()).append(": ").append(v.message()).append(';');
    return b.substring(0, b.length() - 1);
  }

  private RefreshSchedule.Inputs refreshInputs(ExternalSecret es, Duration interval) {
    var status = es.getStatus();
    Optional<Instant> last = status == null || status.refreshTime == null ? Optional.empty() : Optional.of(Instant.parse(status.refreshTime));
    boolean changed = status == null || !SyncedResourceVersion.of(es).equals(status.syncedResourceVersion);
    Optional<OwnWrites.Status> unseen = own.unseenStatus(ns(es) + "/" + name(es), es.getMetadata().getResourceVersion());
    if (unseen.isPresent()) { // the cache does not show our last status write yet: decide on what we wrote
      last = Optional.of(unseen.get().refreshTime());
      changed = !SyncedResourceVersion.of(es).equals(unseen.get().syncedResourceVersion());
    }
    return new RefreshSchedule.Inputs(es.getSpec().effectiveRefreshPolicy(), interval, last, changed, targetValid(es));
  }

  /** ESO's "valid" target: it exists, carries the managed label and its data still has our hash. */
  private boolean targetValid(ExternalSecret es) {
    if (es.getSpec().effectiveTarget().effectiveCreationPolicy() == io.secretgate.api.CreationPolicy.Orphan) return true;
    String key = ns(es) + "/" + DesiredSecretBuilder.secretName(es);
    if (own.secretUnseen(key)) return true; // we just wrote it; its informer event will bring a re-check
    Secret s = cluster.managedSecrets().apply(key);
    if (s == null || s.getMetadata().getLabels() == null || !"true".equals(s.getMetadata().getLabels().get(ManagedSecretKeys.LABEL_MANAGED))) return false;
    String hash = s.getMetadata().getAnnotations() == null ? null : s.getMetadata().getAnnotations().get(ManagedSecretKeys.ANNOTATION_DATA_HASH);
    return hash != null && hash.equals(DataHash.ofData(decoded(s.getData())));
  }

  private static Map<String, byte[]> decoded(Map<String, String> data) {
    Map<String, byte[]> out = new TreeMap<>();
    if (data != null) data.forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
    return out;
  }

  private SecretSources sources(ExternalSecret es, boolean freshReads, RateLimitNote rateLimit) {
    Map<String, SecretSource> opened = new HashMap<>();
    String namespace = ns(es);
    return ref -> opened.computeIfAbsent(refKey(ref), k -> open(ref, namespace, freshReads, rateLimit));
  }

  private SecretSource open(SecretStoreRef ref, String namespace, boolean freshReads, RateLimitNote rateLimit) {
    Store store = stores.find(ref.effectiveKind(), ref.name, namespace)
        .orElseThrow(() -> new StoreUnavailable(ref.effectiveKind() + " \"" + ref.name + "\" is not found", false));
    if (ref.effectiveKind() == StoreKind.ClusterSecretStore) mayUse(store, namespace);
    if (store.spec().provider == null || store.spec().provider.vault == null) {
      throw new StoreUnavailable(store.displayName() + " has no vault provider", true);
    }
    if (!store.spec().provider.vault.usesTokenAuth()) {
      throw new StoreUnavailable(store.displayName() + ": " + VaultProvider.ONLY_TOKEN_AUTH, true);
    }
    try {
      return new KvSecretSource(rateLimit.watching(vaults.open(store, namespace, freshReads).kv()), store.spec().provider.vault);
    } catch (TokenReadException e) {
      throw new StoreUnavailable(store.displayName() + ": " + e.getMessage(), false);
    } catch (CaReadException e) {
      throw new StoreUnavailable(store.displayName() + ": " + e.getMessage(), e.configError());
    } catch (InvalidConnectionException e) {
      throw new StoreUnavailable(store.displayName() + ": " + e.getMessage(), true);
    }
  }

  /**
   * A ClusterSecretStore's {@code spec.conditions} bind the controller too, not only the webhook: the
   * webhook may be off, or the conditions tightened after the ExternalSecret was admitted. Not a
   * config error: a namespace label change (which queues nothing) may allow it, so it is retried.
   */
  private void mayUse(Store store, String namespace) {
    switch (NamespaceConditions.evaluate(store, namespace, stores)) {
      case ALLOWED -> { }
      case DENIED -> throw new StoreUnavailable(NamespaceConditions.denied(store.name(), namespace), false);
      case UNDECIDED -> throw new StoreUnavailable(store.displayName() + " selects namespaces by labels, and the labels of namespace \""
          + namespace + "\" are not known yet", false);
    }
  }

  private static String refKey(SecretStoreRef ref) {
    return ref.effectiveKind() + "/" + ref.name;
  }

  private static String ns(ExternalSecret es) {
    return DesiredSecretBuilder.namespace(es);
  }

  private static String name(ExternalSecret es) {
    return es.getMetadata().getName();
  }

  /** Runs one Kubernetes write of the sync; its failure carries ESO's fixed status message for that step. */
  private static <T> T kubeStep(String esoMessage, Supplier<T> write) {
    try {
      return write.get();
    } catch (KubeWriteException e) {
      throw new KubeStepFailed(esoMessage, e);
    }
  }

  /** A Kubernetes write of the sync failed (typed cause: kind, object, HTTP code; never a value). */
  static final class KubeStepFailed extends RuntimeException {
    final String esoMessage;

    KubeStepFailed(String esoMessage, KubeWriteException cause) {
      super(esoMessage, cause, false, false);
      this.esoMessage = esoMessage;
    }
  }

  /** A store that cannot be used for this sync; {@code configError}: only a change can fix it. */
  static final class StoreUnavailable extends RuntimeException {
    final boolean configError;

    StoreUnavailable(String message, boolean configError) {
      super(message, null, false, false);
      this.configError = configError;
    }
  }
}
