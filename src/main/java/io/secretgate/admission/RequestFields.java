package io.secretgate.admission;

import io.secretgate.manifest.JsonShape;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Small readings of an admission request's JSON shared by the envelope and both webhooks' decisions. */
final class RequestFields {
  private RequestFields() {}

  /** The node's text when it is a JSON string, else null. */
  static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  /** {@code s}, or null when it is empty. */
  static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** {@code s} shortened for a message, or {@code (none)}. */
  static String shown(String s) {
    return s == null ? "(none)" : AdmissionWarnings.shorten(s, 80);
  }

  /** Why {@code object} (a request's {@code object}, not a JSON object) is not the new object an {@code op} request carries. */
  static String notAnObject(JsonNode object, String op) {
    String what = object.isMissingNode() || object.isNull() ? "is missing" : "holds " + JsonShape.describe(object) + ", not an object";
    return "request.object " + what + ": a " + op + " request carries the new object";
  }

  /** A refusal with code 400: the object is not shaped as the webhook needs. */
  static AdmissionResponse malformed(AdmissionRequest req, String message) {
    return AdmissionResponse.refuse(req.uid(), AdmissionResponse.Status.badRequest(message), List.of());
  }
}
