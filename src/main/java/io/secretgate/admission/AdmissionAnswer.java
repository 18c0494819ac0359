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

  /** An {@code admission.k8s.io/v1} AdmissionReview holding the response; HTTP 200. */
  record Review(String json) implements AdmissionAnswer {
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
    public String body() {
      ObjectNode body = JSON.createObjectNode();
      body.put("error", message);
      return JSON.writeValueAsString(body);
    }
  }
}
