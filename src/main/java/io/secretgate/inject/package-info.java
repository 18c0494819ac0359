/**
 * Pure: the Pod injector. A Pod and its {@code secretgate.io/inject-env-from} annotation in, a
 * mutated copy and the JSON Patch (by diff) out; plus the facts port and warnings about the Secrets
 * it asks for. No Kubernetes client, no HTTP. See docs/inject.md.
 */
package io.secretgate.inject;
