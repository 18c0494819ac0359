package io.secretgate.admission;

import io.secretgate.api.ApiGroup;
import io.secretgate.api.ExternalSecret;
import io.secretgate.validation.Binding;
import io.secretgate.validation.ExternalSecretCheck;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.StoreLookup;
import io.secretgate.validation.Verdict;
import io.secretgate.validation.schema.CrdSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import static io.secretgate.admission.RequestFields.malformed;
import static io.secretgate.admission.RequestFields.nonEmpty;
import static io.secretgate.admission.RequestFields.shown;
import static io.secretgate.admission.RequestFields.text;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The validating decision on one ExternalSecret admission request: which operations are checked,
 * what is refused as malformed (400), and how a verdict, the namespace's enforcement and Vault's
 * availability become the response.
 */
final class ExternalSecretAdmission {
  private final CrdSchemas schemas;
  private final StoreLookup stores;
  private final PolicyOracle policies;
  private final AdmissionSettings settings;
  private final BoundedAsks asks;

  ExternalSecretAdmission(CrdSchemas schemas, StoreLookup stores, PolicyOracle policies, AdmissionSettings settings, BoundedAsks asks) {
    this.schemas = schemas;
    this.stores = stores;
    this.policies = policies;
    this.settings = settings;
    this.asks = asks;
  }

  AdmissionResponse decide(AdmissionRequest req, RequestClock time) {
    String op = req.operation();
    if ("DELETE".equals(op) || "CONNECT".equals(op)) return AdmissionResponse.allow(req.uid(), List.of());
    if (!"CREATE".equals(op) && !"UPDATE".equals(op)) {
      return malformed(req, "request.operation " + (op == null ? "is missing" : "\"" + op + "\" is not one of CREATE, UPDATE, DELETE, CONNECT"));
    }
    JsonNode object = req.object(); // without metadata.managedFields: ReviewEnvelope skips them
    if (!object.isObject()) return malformed(req, RequestFields.notAnObject(object, op));
    String apiVersion = text(object.get("apiVersion"));
    String kind = text(object.get("kind"));
    if (!ApiGroup.isSupported(apiVersion) || !"ExternalSecret".equals(kind)) {
      return malformed(req, "this webhook validates ExternalSecrets (" + ApiGroup.V1 + " or " + ApiGroup.V1BETA1 + "), not "
          + shown(apiVersion) + " " + shown(kind));
    }
    // Bound once here and handed to the check; only an object that does not bind is asked whether it decodes at all.
    Optional<ExternalSecret> model = Binding.tryBind(object, ExternalSecret.class);
    Optional<String> undecodable = model.isPresent() ? Optional.empty() : ObjectDecoding.problem(object);
    if (undecodable.isPresent()) return malformed(req, "ExternalSecret " + subject(req, null) + " is malformed: " + undecodable.get());
    String namespace = req.namespace() != null ? req.namespace() : nonEmpty(text(object.path("metadata").get("namespace")));
    if (namespace == null) return malformed(req, "ExternalSecret " + subject(req, null) + " has no namespace (request.namespace and metadata.namespace are both empty)");
    if ("UPDATE".equals(op) && req.oldObject().isObject() && object.path("spec").equals(req.oldObject().path("spec"))) {
      return AdmissionResponse.allow(req.uid(), List.of());
    }
    return judge(req, (ObjectNode) object, model.map(es -> inNamespace(es, namespace)).orElse(null), namespace, time);
  }

  /** Runs the check and turns its verdict, the enforcement and any unchecked paths into the response. */
  private AdmissionResponse judge(AdmissionRequest req, ObjectNode object, ExternalSecret model, String namespace, RequestClock time) {
    String subject = "ExternalSecret " + subject(req, namespace);
    NamespaceEnforcement enforcement = NamespaceEnforcement.of(stores, namespace, settings.global());
    UncheckedPaths oracle = new UncheckedPaths(policies, time, asks);
    Verdict verdict = new ExternalSecretCheck(schemas, stores, oracle).check(inNamespace(object, namespace), model, namespace);
    List<UncheckedPaths.Unchecked> unchecked = oracle.unchecked();
    boolean refuseUnchecked = settings.onVaultUnavailable() == VaultUnavailablePolicy.DENY && !unchecked.isEmpty();

    List<String> warnings = new ArrayList<>();
    enforcement.warning().ifPresent(warnings::add);
    if (verdict.allowed() && !refuseUnchecked) {
      unchecked.forEach(u -> warnings.addAll(AdmissionTexts.uncheckedWarnings(u)));
      warnings.addAll(verdict.warnings());
      return AdmissionResponse.allow(req.uid(), warnings);
    }
    if (enforcement.enforcement() == Enforcement.WARN) {
      warnings.addAll(AdmissionTexts.wouldBeDenied(subject, verdict));
      unchecked.forEach(u -> warnings.addAll(AdmissionTexts.uncheckedWarnings(u)));
      warnings.addAll(verdict.warnings());
      return AdmissionResponse.allow(req.uid(), warnings);
    }
    List<String> lines = new ArrayList<>(verdict.violations().stream().map(AdmissionTexts::denialLine).toList());
    if (refuseUnchecked) {
      unchecked.forEach(u -> lines.add(AdmissionTexts.uncheckedDenialLine(u)));
    } else {
      unchecked.forEach(u -> warnings.addAll(AdmissionTexts.uncheckedWarnings(u)));
    }
    warnings.addAll(verdict.warnings());
    return AdmissionResponse.refuse(req.uid(), AdmissionResponse.Status.forbidden(AdmissionTexts.denial(subject, lines)), warnings);
  }

  /**
   * {@code object} in {@code namespace}: the request's namespace wins over the object's. An object
   * without metadata is left as it is (the check then takes {@code namespace} as its default).
   */
  private static JsonNode inNamespace(ObjectNode object, String namespace) {
    if (!(object.get("metadata") instanceof ObjectNode metadata)) return object;
    // The API server fills in metadata.namespace for namespaced objects: usually nothing to change, and no copy to make.
    if (metadata.get("namespace") != null && namespace.equals(metadata.get("namespace").stringValue(null))) return object;
    ObjectNode copy = object.deepCopy();
    ((ObjectNode) copy.get("metadata")).put("namespace", namespace);
    return copy;
  }

  /** The bound {@code model} in {@code namespace}, as {@link #inNamespace(ObjectNode, String)} places the tree. */
  private static ExternalSecret inNamespace(ExternalSecret model, String namespace) {
    if (model.getMetadata() != null) model.getMetadata().setNamespace(namespace);
    return model;
  }

  /** {@code <namespace>/<name>} of the object, from the request when the object has none. */
  private static String subject(AdmissionRequest req, String namespace) {
    String ns = namespace != null ? namespace : req.namespace() != null ? req.namespace() : nonEmpty(text(req.object().path("metadata").get("namespace")));
    String name = nonEmpty(text(req.object().path("metadata").get("name")));
    if (name == null) name = req.name() != null ? req.name() : "(no name)";
    return (ns == null ? "" : ns + "/") + name;
  }
}
