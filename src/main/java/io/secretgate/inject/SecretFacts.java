package io.secretgate.inject;

import java.util.List;

/**
 * What the injector's admission knows about the Secrets a Pod asks for (a port: informer caches
 * online, manifests for {@code secretgate review}). Only Secrets secretgate (or ESO) manages are
 * known: the webhook never caches every Secret of the cluster, so an unmanaged Secret is not known
 * to exist (see {@link SecretWarnings} for what is said about it).
 */
public interface SecretFacts {
  /** The ExternalSecrets in {@code namespace} whose target is Secret {@code secret}, by name; empty when none. */
  List<String> externalSecretsTargeting(String namespace, String secret);

  /** Whether a managed Secret ({@code reconcile.external-secrets.io/managed=true}) {@code secret} exists in {@code namespace}. */
  boolean managedSecretExists(String namespace, String secret);

  /** Facts that know of nothing (every Secret is then warned about). */
  SecretFacts NONE = new SecretFacts() {
    @Override
    public List<String> externalSecretsTargeting(String namespace, String secret) {
      return List.of();
    }

    @Override
    public boolean managedSecretExists(String namespace, String secret) {
      return false;
    }
  };
}
