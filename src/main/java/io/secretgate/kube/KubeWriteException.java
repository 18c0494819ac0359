package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A write to the Kubernetes API failed. The message names the kind of failure, the object and the HTTP
 * code only: never the request body or the server's message, which may echo what we sent. No cause is
 * attached for the same reason.
 */
public final class KubeWriteException extends RuntimeException {
  /** Why the write failed; the reconciler maps it to a retry decision in one place. */
  public enum Kind {
    /** 409 on every attempt: someone else keeps writing the object between our read and our write. */
    CONFLICT_EXHAUSTED,
    /** 401/403: RBAC does not let secretgate do this. */
    FORBIDDEN,
    /** 400/422: the API server refused the object (e.g. a Secret type change, a bad key). */
    INVALID,
    /** No answer, a timeout, 429, 5xx or anything else: try again later. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String resource;
  private final String namespace;
  private final String name;
  private final int httpCode;

  public KubeWriteException(Kind kind, String resource, String namespace, String name, int httpCode) {
    this(kind, resource, namespace, name, httpCode, words(kind, httpCode));
  }

  private KubeWriteException(Kind kind, String resource, String namespace, String name, int httpCode, String words) {
    super(resource + " " + (namespace == null ? "" : namespace + "/") + name + ": " + words);
    this.kind = kind;
    this.resource = resource;
    this.namespace = namespace;
    this.name = name;
    this.httpCode = httpCode;
  }

  /** What happened, in words (these reach Events and logs): never an enum name. */
  private static String words(Kind kind, int httpCode) {
    String code = httpCode > 0 ? " (HTTP " + httpCode + ")" : "";
    return switch (kind) {
      case CONFLICT_EXHAUSTED -> "changed by another writer on every attempt" + code;
      case FORBIDDEN -> "forbidden" + code + "; check the RBAC of secretgate's service account";
      case INVALID -> "refused by the Kubernetes API server" + code;
      case UNAVAILABLE -> httpCode > 0 ? "the Kubernetes API server answered HTTP " + httpCode : "no answer from the Kubernetes API server";
    };
  }

  /**
   * {@code resource namespace/name} is marked {@code immutable: true}, so the write it needs would be
   * refused (HTTP 422, without saying why); only deleting it lets it be written again.
   */
  static KubeWriteException immutable(String resource, String namespace, String name) {
    return new KubeWriteException(Kind.INVALID, resource, namespace, name, 0,
        "marked immutable: true, so it cannot be changed; delete it and secretgate writes it anew");
  }

  /** The typed error for a client failure on {@code resource namespace/name}. */
  static KubeWriteException of(KubernetesClientException e, String resource, String namespace, String name) {
    return new KubeWriteException(kindOf(e.getCode()), resource, namespace, name, e.getCode());
  }

  static Kind kindOf(int code) {
    return switch (code) {
      case 409 -> Kind.CONFLICT_EXHAUSTED;
      case 401, 403 -> Kind.FORBIDDEN;
      case 400, 422 -> Kind.INVALID;
      default -> Kind.UNAVAILABLE;
    };
  }

  public Kind kind() {
    return kind;
  }

  /** {@code Secret}, {@code ExternalSecret}, ... */
  public String resource() {
    return resource;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The HTTP status of the last answer, 0 when there was none. */
  public int httpCode() {
    return httpCode;
  }
}
