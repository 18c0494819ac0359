package io.secretgate.admission;

import tools.jackson.databind.JsonNode;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionReview request the webhook uses.
 *
 * @param uid the round trip's id, echoed in the response
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code CONNECT}, or whatever else was sent (null when absent)
 * @param namespace {@code request.namespace}, null when absent or empty
 * @param name {@code request.name}, null when absent or empty
 * @param object the new object; a JSON null or missing node on DELETE
 * @param oldObject the existing object on UPDATE and DELETE; a JSON null or missing node otherwise
 * @param dryRun whether nothing will be persisted (it changes nothing in the answer)
 * @param subResource {@code request.subResource} (e.g. {@code status}), null when absent or empty
 */
record AdmissionRequest(String uid, String operation, String namespace, String name, JsonNode object, JsonNode oldObject, boolean dryRun,
    String subResource) {}
