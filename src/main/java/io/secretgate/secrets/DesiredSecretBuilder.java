package io.secretgate.secrets;

import io.secretgate.api.CreationPolicy;
import io.secretgate.api.DeletionPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretTarget;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.secrets.BuildOutcome.FailureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes, purely, what ESO's reconcile would do for an ExternalSecret given its provider's
 * answers: read the provider data, handle "nothing found" per {@code deletionPolicy}, apply the
 * template and add ESO's markers (managed label, created-by label and ownerReference for
 * {@code creationPolicy: Owner}, data-hash annotation).
 *
 * <p>It describes a <em>new</em> Secret: keys already in the cluster that the controller would
 * keep or drop (creationPolicy Merge, managed-fields bookkeeping) are the controller's business.
 */
public final class DesiredSecretBuilder {
  /** ESO's namespace for an ExternalSecret without one (as kubectl's default context would apply it). */
  public static final String DEFAULT_NAMESPACE = "default";

  private final TemplateEngine engine;

  public DesiredSecretBuilder(TemplateEngine engine) {
    this.engine = engine;
  }

  /** The outcome of syncing {@code es} with its stores' sources. */
  public BuildOutcome build(ExternalSecret es, SecretSources sources) {
    ExternalSecretTarget target = es.getSpec().effectiveTarget();
    String secretName = secretName(es);
    if (target.manifest != null) {
      return failed(EsoText.MSG_ERROR_GET_SECRET_DATA,
          SyncError.unsupported("spec.target.manifest (generic targets)"), List.of());
    }
    ProviderData provider = new ProviderData(es, sources, engine);
    TreeMap<String, byte[]> data;
    try {
      data = provider.read();
    } catch (SyncError e) {
      return failed(EsoText.MSG_ERROR_GET_SECRET_DATA, e, provider.events());
    }
    List<SyncEvent> events = new ArrayList<>(provider.events());
    if (data.isEmpty()) {
      DeletionPolicy deletion = target.effectiveDeletionPolicy();
      if (deletion == DeletionPolicy.Retain) return new BuildOutcome.Retain(secretName, events);
      if (deletion == DeletionPolicy.Delete) {
        CreationPolicy creation = target.effectiveCreationPolicy();
        if (creation != CreationPolicy.Owner) {
          return new BuildOutcome.Failed(EsoText.REASON_SYNCED_ERROR, EsoText.MSG_ERROR_DELETE_SECRET,
              EsoText.deleteNotOwner(secretName, creation), FailureKind.POLICY, Optional.empty(), events);
        }
        return new BuildOutcome.Delete(secretName, events);
      }
    }
    TemplateApplier.Applied applied;
    try {
      applied = new TemplateApplier(engine).apply(es, data);
    } catch (SyncError e) {
      return failed(EsoText.MSG_ERROR_UPDATE_SECRET, e, events);
    }
    // ESO would send it and get a 422; said here, the key is named (the API server's answer is not passed on)
    Optional<String> refusal = KeyValidation.apiServerRefusal(applied.data());
    if (refusal.isPresent()) return failed(EsoText.MSG_ERROR_UPDATE_SECRET, SyncError.data("Secret " + namespace(es) + "/" + secretName + ": " + refusal.get()), events);
    return new BuildOutcome.Write(secret(es, secretName, applied), events);
  }

  /** {@code spec.target.name}, defaulting to the ExternalSecret's name. */
  public static String secretName(ExternalSecret es) {
    String name = es.getSpec().effectiveTarget().name;
    return name == null || name.isEmpty() ? es.getMetadata().getName() : name;
  }

  /** The ExternalSecret's namespace, {@value #DEFAULT_NAMESPACE} when it has none. */
  public static String namespace(ExternalSecret es) {
    String ns = es.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
  }

  private static DesiredSecret secret(ExternalSecret es, String secretName, TemplateApplier.Applied applied) {
    ExternalSecretTarget target = es.getSpec().effectiveTarget();
    CreationPolicy creation = target.effectiveCreationPolicy();
    String namespace = namespace(es);
    Map<String, String> labels = applied.labels();
    Optional<OwnerReference> owner = Optional.empty();
    if (creation == CreationPolicy.Owner) {
      labels.put(ManagedSecretKeys.LABEL_CREATED_BY, DataHash.createdBy(namespace, es.getMetadata().getName()));
      owner = Optional.of(OwnerReference.controllerOf(es.getMetadata().getName(), es.getMetadata().getUid()));
    } else {
      labels.remove(ManagedSecretKeys.LABEL_CREATED_BY);
    }
    labels.put(ManagedSecretKeys.LABEL_MANAGED, "true");
    Map<String, String> annotations = applied.annotations();
    annotations.put(ManagedSecretKeys.ANNOTATION_DATA_HASH, DataHash.ofData(applied.data()));
    String type = applied.type() == null || applied.type().isEmpty() ? DesiredSecret.DEFAULT_TYPE : applied.type();
    return new DesiredSecret(secretName, namespace, type, applied.labels(), applied.annotations(), applied.data(),
        Boolean.TRUE.equals(target.immutable), owner, applied.finalizers(), creation);
  }

  private static BuildOutcome.Failed failed(String message, SyncError e, List<SyncEvent> events) {
    return new BuildOutcome.Failed(EsoText.REASON_SYNCED_ERROR, message, e.getMessage(), e.kind(),
        Optional.ofNullable(e.sourceReason()), events);
  }
}
