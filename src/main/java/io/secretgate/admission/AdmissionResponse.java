package io.secretgate.admission;

import java.util.List;
import java.util.Optional;

/**
 * The response of an AdmissionReview: the validating webhook never sends a patch; the mutating one
 * sends one only when it changes the object.
 *
 * @param status present exactly when the request is refused
 * @param warnings brought within the admission limits here ({@link AdmissionWarnings#limit})
 * @param patch a non-empty RFC 6902 JSON Patch array as JSON text, only with {@code allowed}
 */
record AdmissionResponse(String uid, boolean allowed, Optional<Status> status, List<String> warnings, Optional<String> patch) {
  AdmissionResponse {
    warnings = AdmissionWarnings.limit(warnings);
    if (allowed == status.isPresent()) throw new IllegalArgumentException("a status goes with a refusal, and only with one");
    if (patch.isPresent() && !allowed) throw new IllegalArgumentException("a patch goes with an allowed request only");
  }

  /** Why a request is refused: an HTTP-like code, a Kubernetes status reason and the message users see. */
  record Status(int code, String reason, String message) {
    static Status forbidden(String message) {
      return new Status(403, "Forbidden", message);
    }

    static Status badRequest(String message) {
      return new Status(400, "BadRequest", message);
    }

    static Status serviceUnavailable(String message) {
      return new Status(503, "ServiceUnavailable", message);
    }

    static Status internalError(String message) {
      return new Status(500, "InternalError", message);
    }
  }

  static AdmissionResponse allow(String uid, List<String> warnings) {
    return new AdmissionResponse(uid, true, Optional.empty(), warnings, Optional.empty());
  }

  /** Allowed with the changes of {@code patchJson} (a JSON Patch array). */
  static AdmissionResponse patch(String uid, String patchJson, List<String> warnings) {
    return new AdmissionResponse(uid, true, Optional.empty(), warnings, Optional.of(patchJson));
  }

  static AdmissionResponse refuse(String uid, Status status, List<String> warnings) {
    return new AdmissionResponse(uid, false, Optional.of(status), warnings, Optional.empty());
  }
}
