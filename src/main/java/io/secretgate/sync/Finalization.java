package io.secretgate.sync;

import io.secretgate.api.CreationPolicy;
import io.secretgate.api.DeletionPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretTarget;
import io.secretgate.kube.ApplyResult;
import io.secretgate.kube.CleanupFinalizer;
import io.secretgate.kube.KubeWriteException;
import io.secretgate.kube.SecretDeleter;
import io.secretgate.secrets.DesiredSecretBuilder;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clean-up finalizer, only where the deletion of an ExternalSecret needs one. With
 * creationPolicy Owner the Secret carries our controller ownerReference and Kubernetes' garbage
 * collector deletes it (ESO's finalizer would do the same, sooner): no finalizer. Orphan means the
 * Secret outlives its ExternalSecret (ESO deletes only a Secret the ExternalSecret controls, which
 * an Orphan one never is): no finalizer. With creationPolicy Merge or CreateOrMerge and
 * deletionPolicy Merge, the data keys this ExternalSecret wrote into a Secret it does not own are
 * removed when it is deleted (ESO leaves them; we read deletionPolicy Merge as "our keys go, the
 * Secret stays"): that needs the finalizer so the deletion is seen. Clean-up never calls Vault.
 */
final class Finalization {
  private static final Logger LOG = LoggerFactory.getLogger(Finalization.class);

  private final CleanupFinalizer finalizer;
  private final SecretDeleter deleter;

  Finalization(CleanupFinalizer finalizer, SecretDeleter deleter) {
    this.finalizer = finalizer;
    this.deleter = deleter;
  }

  /** Whether deleting an ExternalSecret with {@code target} must remove something we wrote. */
  static boolean needsCleanup(ExternalSecretTarget target) {
    CreationPolicy creation = target.effectiveCreationPolicy();
    return (creation == CreationPolicy.Merge || creation == CreationPolicy.CreateOrMerge)
        && target.effectiveDeletionPolicy() == DeletionPolicy.Merge;
  }

  /**
   * For an ExternalSecret being deleted: clean up and release it (a result, no sync). Otherwise:
   * add or remove the finalizer as its policies now need, and empty (go on with the sync).
   */
  Optional<SyncResult> reconcile(ExternalSecret es) {
    boolean has = CleanupFinalizer.present(es);
    try {
      if (es.getMetadata().getDeletionTimestamp() != null) {
        if (has) finish(es);
        return Optional.of(SyncResult.notDue(es, Optional.empty())); // released: it is gone once the API server sees no finalizer
      }
      boolean wanted = es.getSpec() != null && needsCleanup(es.getSpec().effectiveTarget());
      if (wanted && !has && !finalizer.add(es)) {
        // gone or being deleted since the informer's copy: no keys may be merged that no finalizer would remove
        return Optional.of(SyncResult.notDue(es, Optional.empty()));
      }
      if (!wanted && has) finalizer.remove(es);
      return Optional.empty();
    } catch (KubeWriteException e) {
      LOG.warn("finalizer of ExternalSecret {}/{}: {}", es.getMetadata().getNamespace(), es.getMetadata().getName(), e.getMessage());
      return Optional.of(SyncResult.unreported(es, e.getMessage()));
    }
  }

  private void finish(ExternalSecret es) {
    if (es.getSpec() != null && needsCleanup(es.getSpec().effectiveTarget())) {
      ApplyResult r = deleter.removeManagedKeys(es, DesiredSecretBuilder.secretName(es));
      LOG.info("ExternalSecret {}/{} deleted: its keys in Secret {}: {}", es.getMetadata().getNamespace(), es.getMetadata().getName(),
          r.secretName(), r.outcome());
    }
    finalizer.remove(es);
  }
}
