package io.secretgate.admission;

import io.secretgate.inject.Injection;
import io.secretgate.inject.InjectionException;
import io.secretgate.inject.PodInjector;
import io.secretgate.inject.SecretFacts;
import io.secretgate.inject.SecretWarnings;
import java.util.ArrayList;
import java.util.List;
import static io.secretgate.admission.RequestFields.malformed;
import static io.secretgate.admission.RequestFields.nonEmpty;
import static io.secretgate.admission.RequestFields.shown;
import static io.secretgate.admission.RequestFields.text;

import tools.jackson.databind.JsonNode;

/**
 * The mutating decision on one Pod admission request: which requests are injected (Pod CREATE; any
 * other operation or a subresource is allowed untouched), what is refused as malformed (400) or
 * invalid (403), and the warnings about Secrets that do not exist yet.
 */
final class PodAdmission {
  private final SecretFacts facts;

  PodAdmission(SecretFacts facts) {
    this.facts = facts;
  }

  AdmissionResponse decide(AdmissionRequest req) {
    String op = req.operation();
    if (req.subResource() != null) return AdmissionResponse.allow(req.uid(), List.of());
    if ("UPDATE".equals(op) || "DELETE".equals(op) || "CONNECT".equals(op)) return AdmissionResponse.allow(req.uid(), List.of());
    if (!"CREATE".equals(op)) {
      return malformed(req, "request.operation " + (op == null ? "is missing" : "\"" + op + "\" is not one of CREATE, UPDATE, DELETE, CONNECT"));
    }
    JsonNode pod = req.object();
    if (!pod.isObject()) return malformed(req, RequestFields.notAnObject(pod, op));
    String apiVersion = text(pod.get("apiVersion"));
    String kind = text(pod.get("kind"));
    if (!"v1".equals(apiVersion) || !"Pod".equals(kind)) {
      return malformed(req, "this webhook mutates Pods (v1), not " + shown(apiVersion) + " " + shown(kind));
    }
    String namespace = req.namespace() != null ? req.namespace() : nonEmpty(text(pod.path("metadata").get("namespace")));
    if (namespace == null) return malformed(req, "Pod " + subject(req, null) + " has no namespace (request.namespace and metadata.namespace are both empty)");
    return inject(req, pod, namespace);
  }

  private AdmissionResponse inject(AdmissionRequest req, JsonNode pod, String namespace) {
    Injection injection;
    try {
      injection = PodInjector.inject(pod);
    } catch (InjectionException e) {
      String subject = "Pod " + subject(req, namespace);
      if (e.kind() == InjectionException.Kind.MALFORMED) return malformed(req, subject + " is malformed: " + String.join("; ", e.reasons()));
      return AdmissionResponse.refuse(req.uid(), AdmissionResponse.Status.forbidden(AdmissionTexts.denial(subject, e.reasons())), List.of());
    }
    List<String> warnings = new ArrayList<>(injection.warnings());
    warnings.addAll(secretWarnings(namespace, injection.request().secrets()));
    return injection.patch()
        .map(p -> AdmissionResponse.patch(req.uid(), p.toString(), warnings))
        .orElseGet(() -> AdmissionResponse.allow(req.uid(), warnings));
  }

  /** Warnings never decide: facts that cannot be read are said so, and the Pod is admitted as injected. */
  private List<String> secretWarnings(String namespace, List<String> secrets) {
    try {
      return SecretWarnings.of(namespace, secrets, facts);
    } catch (RuntimeException e) {
      return List.of("could not check whether the Secrets exist (" + e.getClass().getSimpleName() + "); injected anyway");
    }
  }

  /**
   * {@code <namespace>/<name>}; at the mutating stage a Pod made from {@code generateName} has no
   * name yet, and is shown as {@code <generateName>*}.
   */
  private static String subject(AdmissionRequest req, String namespace) {
    JsonNode meta = req.object().path("metadata");
    String ns = namespace != null ? namespace : req.namespace() != null ? req.namespace() : nonEmpty(text(meta.get("namespace")));
    String name = nonEmpty(text(meta.get("name")));
    String generateName = nonEmpty(text(meta.get("generateName")));
    if (name == null) name = req.name() != null ? req.name() : generateName != null ? generateName + "*" : "(no name)";
    return (ns == null ? "" : ns + "/") + name;
  }
}
