package io.secretgate.cli;

import io.secretgate.admission.AdmissionAnswer;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.Enforcement;
import io.secretgate.admission.MutatingAdmission;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.admission.VaultUnavailablePolicy;
import io.secretgate.manifest.ManifestProblem;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.ManifestStores;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.schema.CrdSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code secretgate review}: the body the webhook would answer to an AdmissionReview request, through
 * the webhook's own code. Routed by {@code request.kind}: a Pod goes to the mutating webhook
 * ({@link MutatingAdmission}, with ExternalSecrets and managed Secrets from the manifest files as its
 * facts), anything else to the validating one ({@link ValidatingAdmission}, with stores from the
 * manifest files and Vault policy files). Exit 0 with the AdmissionReview on stdout (allowed or not), 1 with
 * the error body {@code {"error":"..."}} when the webhook would answer HTTP 400, 2 for bad input.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = {
        "Print the body the webhook would answer (an AdmissionReview) to an AdmissionReview request.",
        "Exit 0 with the answer (allowed or not); 1 with {\"error\":\"...\"} when the webhook would answer HTTP 400;",
        "2 on bad input. A request for a Pod is answered as the mutating (envFrom injection) webhook would answer it."})
public final class ReviewCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--request", required = true, paramLabel = "REVIEW.json",
      description = "The admission.k8s.io/v1 AdmissionReview the API server would send.")
  Path request;

  @Option(names = "--manifests", paramLabel = "PATH",
      description = {"What the webhook would see: stores and Namespaces (ExternalSecret requests); ExternalSecrets and Secrets labelled",
          "reconcile.external-secrets.io/managed=true (Pod requests). A file, a directory (recursively *.yaml, *.yml, *.json) or -; repeatable."})
  List<String> manifests = new ArrayList<>();

  @CommandLine.Mixin PolicyOptions policyOptions = new PolicyOptions();

  @Option(names = "--namespace", defaultValue = "default", converter = NamespaceConverter.class,
      description = "Namespace of SecretStores, ExternalSecrets and Secrets in --manifests that name none (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--enforcement", defaultValue = "deny", paramLabel = "deny|warn", converter = EnforcementConverter.class,
      description = "Enforcement where the namespace has no secretgate.io/enforcement label (default: ${DEFAULT-VALUE}).")
  Enforcement enforcement;

  @Option(names = "--on-vault-unavailable", defaultValue = "warn", paramLabel = "warn|deny", converter = VaultUnavailableConverter.class,
      description = "When Vault cannot be asked (with --vault-addr): allow with a warning, or deny (default: ${DEFAULT-VALUE}).")
  VaultUnavailablePolicy onVaultUnavailable;

  @Override
  public Integer call() {
    byte[] body = readRequest();
    PolicyOracle oracle = policyOptions.oracle(); // read for Pod requests too: a bad policy flag is bad input either way
    ManifestSet set = new ManifestReader(System.in).read(manifests);
    if (!set.problems().isEmpty()) {
      for (ManifestProblem p : set.problems()) spec.commandLine().getErr().println("secretgate: " + p);
      return ExitCodes.INPUT;
    }
    boolean pod = isPodReview(body);
    AdmissionAnswer answer = pod ? new MutatingAdmission(ManifestSecretFacts.from(set, namespace)).answer(body) : validating(set, oracle).answer(body);
    spec.commandLine().getOut().println(answer.body());
    if (!pod) policyOptions.unusedStorePolicies().forEach(w -> spec.commandLine().getErr().println("secretgate: " + w));
    if (answer instanceof AdmissionAnswer.Review) return ExitCodes.OK;
    // stdout stays exactly the webhook's body; stderr says which file it is about (CI runs review over many)
    spec.commandLine().getErr().println("secretgate: " + request + ": the webhook would answer HTTP 400 (its error body is on stdout)");
    return ExitCodes.FINDING;
  }

  private ValidatingAdmission validating(ManifestSet set, PolicyOracle oracle) {
    CrdSchemas schemas = CrdSchemas.fromClasspath();
    return new ValidatingAdmission(schemas, ManifestStores.from(set, schemas, namespace), oracle, new AdmissionSettings(enforcement, onVaultUnavailable));
  }

  private byte[] readRequest() {
    try {
      return Files.readAllBytes(request);
    } catch (IOException e) {
      throw new InputException(request + ": " + PolicyLoading.unreadable(request, e));
    }
  }

  /** Whether {@code request.kind} is the core Pod kind (anything unreadable goes to the validating webhook, which says why). */
  static boolean isPodReview(byte[] body) {
    JsonNode review;
    try {
      review = JSON.readTree(body);
    } catch (JacksonException e) {
      return false;
    }
    if (review == null) return false;
    JsonNode kind = review.path("request").path("kind");
    return "Pod".equals(kind.path("kind").asString(null)) && kind.path("group").asString("").isEmpty();
  }

  /** {@code deny} or {@code warn}. */
  static final class EnforcementConverter implements CommandLine.ITypeConverter<Enforcement> {
    @Override
    public Enforcement convert(String value) {
      return Enforcement.fromText(value).orElseThrow(() -> new CommandLine.TypeConversionException("expected deny or warn, not '" + value + "'"));
    }
  }

  /** {@code warn} or {@code deny}. */
  static final class VaultUnavailableConverter implements CommandLine.ITypeConverter<VaultUnavailablePolicy> {
    @Override
    public VaultUnavailablePolicy convert(String value) {
      return VaultUnavailablePolicy.fromText(value).orElseThrow(() -> new CommandLine.TypeConversionException("expected warn or deny, not '" + value + "'"));
    }
  }
}
