/**
 * Pure planning of workload restarts: which Secrets a pod template consumes (envFrom, env
 * secretKeyRef, secret and projected volumes, the {@code secretgate.io/inject-env-from}
 * annotation), the hash over their data-hashes, and which annotated workloads must be rolled for a
 * set of changed Secrets. No Kubernetes client here: {@code kube.Workloads} lists and patches,
 * {@code sync.WorkloadRestarts} batches and drives.
 */
package io.secretgate.rollout;
