package io.secretgate.admission;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the webhook answers to one HTTP request body: either an AdmissionReview (HTTP 200, whether
 * the object is allowed or not) or, for a body that cannot be answered at all, HTTP 400.
 */
public sealed interface AdmissionAnswer {

  /** The HTTP status to answer with. */
  int httpStatus();

  /** The HTTP body to answer with ({@code application/json}). */
  String body();

  /** How the request ended, for metrics. */
  Outcome outcome();

  /** How a request ended: admitted, refused by a check (403), refused as malformed (400 either way), or failed on our side. */
  enum Outcome {
    ALLOWED, DENIED, BAD_REQUEST, ERROR;

    /** The metric label: {@code allowed}, {@code denied}, {@code bad_request}, {@code error}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The outcome of a response: allowed, else by its status code (400: bad request, 403: denied, anything else: error). */
    public static Outcome of(boolean allowed, int statusCode) {
      if (allowed) return ALLOWED;
      if (statusCode == 400) return BAD_REQUEST;
      return statusCode == 403 ? DENIED : ERROR;
    }
  }

  /** An {@code admission.k8s.io/v1} AdmissionReview holding the response; HTTP 200. */
  record Review(String json, Outcome outcome) implements AdmissionAnswer {
    @Override
    public int httpStatus() {
      return 200;
    }

    @Override
    public String body() {
      return json;
    }
  }

  /**
   * A body that cannot be answered with an AdmissionReview (not JSON, no request, no uid, a version
   * we do not serve); HTTP 400 with the body {@code {"error":"<message>"}}.
   */
  record BadRequest(String message) implements AdmissionAnswer {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public Outcome outcome() {
      return Outcome.BAD_REQUEST;
    }

    @Override
    public String body() {
      ObjectNode body = JSON.createObjectNode();
      body.put("error", message);
      return JSON.writeValueAsString(body);
    }
  }
}
