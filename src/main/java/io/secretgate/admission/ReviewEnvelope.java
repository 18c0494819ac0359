package io.secretgate.admission;

import static io.secretgate.admission.RequestFields.nonEmpty;
import static io.secretgate.admission.RequestFields.text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the AdmissionReview envelope of a request body, and writes the one of a response. */
final class ReviewEnvelope {
  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";

  // Duplicate keys anywhere make the body invalid; content after the review is refused by read() itself
  // (FAIL_ON_TRAILING_TOKENS, on by default in Jackson 3, would refuse every value read mid-stream).
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private ReviewEnvelope() {}

  /** A body that cannot be answered with an AdmissionReview; the message says why. */
  static final class UnanswerableException extends Exception {
    UnanswerableException(String message) {
      super(message);
    }
  }

  /**
   * The request of a v1 AdmissionReview body. Read in one streaming pass: trees are built for
   * {@code request.object} and {@code request.oldObject} only, without {@code metadata.managedFields}
   * (the API server's bookkeeping, often the largest part of an object, which no decision reads);
   * everything else the webhooks do not use ({@code userInfo}, {@code options}...) is checked as JSON
   * and skipped. The whole body must be valid JSON, without duplicate keys or trailing content.
   */
  static AdmissionRequest read(byte[] body) throws UnanswerableException {
    if (body == null || body.length == 0) throw new UnanswerableException("the body is empty; expected an " + API_VERSION + " " + KIND);
    Fields review = new Fields();
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) throw new UnanswerableException("the body holds no JSON value");
      if (first == JsonToken.START_OBJECT) readReview(p, review);
      else p.skipChildren();
      if (p.nextToken() != null) throw new UnanswerableException("the body is not valid JSON" + where(p.currentLocation()) + ": content after the AdmissionReview");
      if (first != JsonToken.START_OBJECT) throw new UnanswerableException("the body is not a JSON object (an AdmissionReview)");
    } catch (JacksonException e) {
      throw new UnanswerableException("the body is not valid JSON" + where(e.getLocation()));
    }
    return review.request();
  }

  /** What the pass over the body found. */
  private static final class Fields {
    JsonNode apiVersion;
    JsonNode kind;
    boolean requestIsObject;
    final Map<String, JsonNode> request = new HashMap<>();

    AdmissionRequest request() throws UnanswerableException {
      String apiVersion = text(this.apiVersion);
      String kind = text(this.kind);
      if (!API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
        throw new UnanswerableException("not an " + API_VERSION + " " + KIND + " (got apiVersion " + shown(apiVersion) + ", kind " + shown(kind)
            + "); this webhook answers " + API_VERSION + " only: list admissionReviewVersions: [v1] in the webhook configuration");
      }
      if (!requestIsObject) throw new UnanswerableException("the AdmissionReview has no request object");
      String uid = text(request.get("uid"));
      if (uid == null || uid.isEmpty()) throw new UnanswerableException("the AdmissionReview request has no uid (a non-empty string)");
      JsonNode dryRun = request.get("dryRun");
      return new AdmissionRequest(uid, text(request.get("operation")), nonEmpty(text(request.get("namespace"))), nonEmpty(text(request.get("name"))),
          request.getOrDefault("object", MissingNode.getInstance()), request.getOrDefault("oldObject", MissingNode.getInstance()),
          dryRun != null && dryRun.isBoolean() && dryRun.booleanValue(), nonEmpty(text(request.get("subResource"))));
    }
  }

  private static final Set<String> REQUEST_FIELDS = Set.of("uid", "operation", "namespace", "name", "dryRun", "subResource");

  /** The AdmissionReview object, from its START_OBJECT to its END_OBJECT. */
  private static void readReview(JsonParser p, Fields review) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "apiVersion" -> review.apiVersion = JSON.readTree(p);
        case "kind" -> review.kind = JSON.readTree(p);
        case "request" -> {
          review.requestIsObject = value == JsonToken.START_OBJECT;
          if (review.requestIsObject) readRequest(p, review.request);
          else p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
  }

  private static void readRequest(JsonParser p, Map<String, JsonNode> request) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("object") || name.equals("oldObject")) request.put(name, without(p, MANAGED_FIELDS));
      else if (REQUEST_FIELDS.contains(name)) request.put(name, JSON.readTree(p));
      else p.skipChildren();
    }
  }

  /** Where in an object the field no decision reads sits. */
  private static final List<String> MANAGED_FIELDS = List.of("metadata", "managedFields");

  /**
   * The value at the parser, with the field at {@code skipped} (a path of field names) skipped rather
   * than built; a value that is not an object along that path is read as it is.
   */
  private static JsonNode without(JsonParser p, List<String> skipped) {
    if (p.currentToken() != JsonToken.START_OBJECT) return JSON.readTree(p);
    ObjectNode object = JSON.createObjectNode();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (!name.equals(skipped.get(0))) object.set(name, JSON.readTree(p));
      else if (skipped.size() == 1) p.skipChildren();
      else object.set(name, without(p, skipped.subList(1, skipped.size())));
    }
    return object;
  }

  private static String where(TokenStreamLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
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

  private static String shown(String s) {
    return s == null ? "none" : "\"" + AdmissionWarnings.shorten(s, 80) + "\"";
  }
}
