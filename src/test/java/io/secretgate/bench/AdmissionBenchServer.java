package io.secretgate.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.secretgate.admission.AdmissionAnswer;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.MutatingAdmission;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.inject.KnownSecrets;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.server.AdmissionEndpoint;
import io.secretgate.server.HealthChecks;
import io.secretgate.server.WebhookMetrics;
import io.secretgate.server.WebhookServer;
import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.ServingCertificate;
import io.secretgate.tls.SslContexts;
import io.secretgate.validation.AclPolicyOracle;
import io.secretgate.validation.ManifestStores;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.vault.policy.Acl;
import io.secretgate.vault.policy.PolicyFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server side of {@code bench/run admission}, in its own JVM: the real {@link WebhookServer}
 * (TLS, 32 threads, metrics on a Prometheus registry, as {@code serve} runs it) with warm in-memory
 * facts (stores from a manifest file, the store token's policy from an HCL file, evaluated in
 * memory as a warm capabilities cache would answer), plus {@value #NOOP_PATH}: reads the body (the
 * server does) and answers a constant, the floor. Usage: {@code AdmissionBenchServer CA_OUT FACTS_DIR PATH...};
 * prints {@code port=N} once listening, answers each {@value #JIT_QUESTION} line on stdin with
 * {@code jit_ms=N} (this JVM's JIT compile time so far), and runs until stdin closes.
 */
public final class AdmissionBenchServer {
  static final String NOOP_PATH = "/bench/noop";
  static final String JIT_QUESTION = "jit";
  static final String JIT_ANSWER = "jit_ms=";
  private static final AdmissionAnswer NOOP = new AdmissionAnswer.Review(
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"bench\",\"allowed\":true}}",
      AdmissionAnswer.Outcome.ALLOWED);

  /** The endpoints the bench can serve, by path; FACTS_DIR is passed in. Add a line here for a new webhook. */
  static final Map<String, Function<Path, AdmissionEndpoint>> KNOWN = Map.of(
      "/validate/externalsecret", AdmissionBenchServer::validating,
      "/mutate/pod", facts -> mutating(),
      NOOP_PATH, facts -> (body, timeout) -> NOOP);

  private AdmissionBenchServer() {}

  public static void main(String[] args) throws Exception {
    Path caOut = Path.of(args[0]);
    Path facts = Path.of(args[1]);
    Map<String, AdmissionEndpoint> endpoints = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      Function<Path, AdmissionEndpoint> make = KNOWN.get(args[i]);
      if (make == null) throw new IllegalArgumentException("no bench endpoint for " + args[i] + "; known: " + KNOWN.keySet());
      endpoints.put(args[i], make.apply(facts));
    }
    CertificateAuthority ca = CertificateAuthority.generate("secretgate bench CA", Instant.now().minusSeconds(3600), Duration.ofDays(2));
    KeyMaterial leaf = ServingCertificate.issue(ca, List.of("localhost"), Instant.now().minusSeconds(3600), Duration.ofDays(1));
    Files.writeString(caOut, Pem.writeCertificate(ca.certificate()), StandardCharsets.US_ASCII);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WebhookServer server = WebhookServer.start(new WebhookServer.Settings(0, "127.0.0.1", SslContexts.server(new ReloadableKeyManager(leaf)),
        endpoints, new HealthChecks(), 32, WebhookMetrics.on(registry, endpoints.keySet())));
    System.out.println("port=" + server.port());
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      // runs until the load generator closes our stdin
      if (line.trim().equals(JIT_QUESTION)) {
        System.out.println(JIT_ANSWER + ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        System.out.flush();
      }
    }
    server.stop();
  }

  private static AdmissionEndpoint validating(Path facts) {
    try {
      var set = ManifestReader.parse("cluster.yaml", Files.readString(facts.resolve("cluster.yaml"), StandardCharsets.UTF_8));
      CrdSchemas schemas = CrdSchemas.fromClasspath();
      var oracle = new AclPolicyOracle(Optional.of(Acl.of(List.of(PolicyFiles.load(facts.resolve("policy.hcl"))))), Map.of());
      return new ValidatingAdmission(schemas, ManifestStores.from(set, schemas, "default"), oracle, AdmissionSettings.DEFAULTS)::answer;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the bench facts in " + facts + ": " + e.getMessage(), e);
    }
  }

  /**
   * The injector with warm facts for the Pod the bench sends (inject/requests/several-containers.json):
   * both Secrets it names are targeted by an ExternalSecret and exist, as informer caches would say.
   */
  private static AdmissionEndpoint mutating() {
    KnownSecrets facts = new KnownSecrets();
    for (String secret : List.of("db-credentials", "api-keys")) facts.externalSecret("payments", secret, secret).managedSecret("payments", secret);
    return new MutatingAdmission(facts)::answer;
  }
}
