package io.secretgate.cli;

import io.secretgate.api.ApiGroup;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.inject.KnownSecrets;
import io.secretgate.manifest.ManifestDocument;
import io.secretgate.manifest.ManifestSet;
import tools.jackson.databind.JsonNode;

/**
 * The injector's facts from manifest files, seen as the webhook's informers would see them: every
 * ExternalSecret (of a supported version) and the Secrets labelled
 * {@code reconcile.external-secrets.io/managed: "true"}. An unlabelled Secret is not a fact, because
 * the webhook does not cache unmanaged Secrets either, so {@code review} answers as the webhook does.
 */
final class ManifestSecretFacts {
  private ManifestSecretFacts() {}

  /** Objects that name no namespace are in {@code defaultNamespace}. */
  static KnownSecrets from(ManifestSet manifests, String defaultNamespace) {
    KnownSecrets facts = new KnownSecrets();
    for (ManifestDocument doc : manifests.documents()) {
      if (doc.name() == null) continue;
      String namespace = doc.namespace() == null || doc.namespace().isEmpty() ? defaultNamespace : doc.namespace();
      if (ApiGroup.isSupported(doc.apiVersion()) && "ExternalSecret".equals(doc.kind())) {
        JsonNode target = doc.tree().path("spec").path("target").path("name");
        facts.externalSecret(namespace, doc.name(), KnownSecrets.targetName(doc.name(), target.isString() ? target.asString() : null));
      } else if ("v1".equals(doc.apiVersion()) && "Secret".equals(doc.kind())
          && "true".equals(doc.tree().path("metadata").path("labels").path(ManagedSecretKeys.LABEL_MANAGED).asString(null))) {
        facts.managedSecret(namespace, doc.name());
      }
    }
    return facts;
  }
}
