package io.secretgate.admission;

import static io.secretgate.admission.RequestFields.nonEmpty;
import static io.secretgate.admission.RequestFields.text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the AdmissionReview envelope of a request body, and writes the one of a response. */
final class ReviewEnvelope {
  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private ReviewEnvelope() {}

  /** A body that cannot be answered with an AdmissionReview; the message says why. */
  static final class UnanswerableException extends Exception {
    UnanswerableException(String message) {
      super(message);
    }
  }

  /** The request of a v1 AdmissionReview body. */
  static AdmissionRequest read(byte[] body) throws UnanswerableException {
    JsonNode review = parse(body);
    if (!review.isObject()) throw new UnanswerableException("the body is not a JSON object (an AdmissionReview)");
    String apiVersion = text(review.get("apiVersion"));
    String kind = text(review.get("kind"));
    if (!API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
      throw new UnanswerableException("not an " + API_VERSION + " " + KIND + " (got apiVersion " + shown(apiVersion) + ", kind " + shown(kind)
          + "); this webhook answers " + API_VERSION + " only: list admissionReviewVersions: [v1] in the webhook configuration");
    }
    JsonNode request = review.get("request");
    if (request == null || !request.isObject()) throw new UnanswerableException("the AdmissionReview has no request object");
    String uid = text(request.get("uid"));
    if (uid == null || uid.isEmpty()) throw new UnanswerableException("the AdmissionReview request has no uid (a non-empty string)");
    JsonNode dryRun = request.get("dryRun");
    return new AdmissionRequest(uid, text(request.get("operation")), nonEmpty(text(request.get("namespace"))), nonEmpty(text(request.get("name"))),
        request.path("object"), request.path("oldObject"), dryRun != null && dryRun.isBoolean() && dryRun.booleanValue(),
        nonEmpty(text(request.get("subResource"))));
  }

  /** The AdmissionReview body answering with {@code response}. */
  static String write(AdmissionResponse response) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", API_VERSION);
    review.put("kind", KIND);
    ObjectNode r = review.putObject("response");
    r.put("uid", response.uid());
    r.put("allowed", response.allowed());
    response.status().ifPresent(s -> {
      ObjectNode status = r.putObject("status");
      status.put("status", "Failure");
      status.put("code", s.code());
      status.put("reason", s.reason());
      status.put("message", s.message());
    });
    response.patch().ifPresent(p -> {
      r.put("patch", Base64.getEncoder().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
      r.put("patchType", "JSONPatch");
    });
    if (!response.warnings().isEmpty()) {
      ArrayNode warnings = r.putArray("warnings");
      response.warnings().forEach(warnings::add);
    }
    // Written as UTF-8 bytes: a lone surrogate (escaped in the request, e.g. in the uid) is escaped again, not turned into "?".
    return new String(JSON.writeValueAsBytes(review), StandardCharsets.UTF_8);
  }

  private static JsonNode parse(byte[] body) throws UnanswerableException {
    if (body == null || body.length == 0) throw new UnanswerableException("the body is empty; expected an " + API_VERSION + " " + KIND);
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) throw new UnanswerableException("the body holds no JSON value");
      return node;
    } catch (JacksonException e) {
      var loc = e.getLocation();
      String where = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new UnanswerableException("the body is not valid JSON" + where);
    }
  }

  private static String shown(String s) {
    return s == null ? "none" : "\"" + AdmissionWarnings.shorten(s, 80) + "\"";
  }
}
