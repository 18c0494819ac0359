/**
 * Kubernetes adapters on fabric8: how secretgate writes what the pure core decided, the way ESO
 * writes it and safely (optimistic concurrency, refusals instead of overwrites, typed errors without
 * values). {@link io.secretgate.kube.SecretWriter}, {@link io.secretgate.kube.SecretDeleter},
 * {@link io.secretgate.kube.StatusWriter}, {@link io.secretgate.kube.EventRecorder} (queued by {@link io.secretgate.kube.QueuedEvents}),
 * {@link io.secretgate.kube.TokenReader}; the contract is in {@code docs/kube-writes.md}.
 */
package io.secretgate.kube;
