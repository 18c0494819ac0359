package io.secretgate.vault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Vault call that did not give an answer. The message names the call, the API path and the HTTP
 * status (or why no status came back); it never holds a token, a response body or secret data,
 * and no cause is attached (the driver's exceptions carry response bodies).
 */
public class VaultFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as callers branch on it (never on the message). */
  public enum Kind {
    /** 404 on a call where absence is not an answer. */
    NOT_FOUND(false),
    /** 403: the token is unknown, expired or lacks the policy; also an unusable token. */
    PERMISSION_DENIED(false),
    /** 503 because Vault is sealed. */
    SEALED(true),
    /** Other 5xx, 412, timeouts, refused connections, TLS failures. */
    UNAVAILABLE(true),
    /** 429: a rate-limit or lease-count quota; see {@link VaultFailure#retryAfter()}. */
    RATE_LIMITED(true),
    /** An answer Vault does not give: not JSON, a field missing, an unexpected status. */
    BAD_RESPONSE(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether the same call may succeed later with nothing changed on our side. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final int status;

  public VaultFailure(Kind kind, String message) {
    this(kind, message, OptionalInt.empty(), Optional.empty());
  }

  public VaultFailure(Kind kind, String message, OptionalInt status, Optional<Duration> retryAfter) {
    super(message, null, false, true);
    this.kind = kind;
    this.status = status.orElse(-1);
    this.retryAfter = retryAfter.orElse(null);
  }

  public Kind kind() {
    return kind;
  }

  /** How long Vault asked us to wait (its {@code Retry-After} header on a 429), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The HTTP status Vault answered, empty when no answer came back. */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** Whether the same call may succeed later with nothing changed on our side. */
  public boolean retryable() {
    return kind.retryable();
  }
}
