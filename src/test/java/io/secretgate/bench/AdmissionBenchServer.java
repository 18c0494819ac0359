package io.secretgate.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.secretgate.admission.AdmissionAnswer;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.MutatingAdmission;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.inject.KnownSecrets;
import io.secretgate.kube.CaReader;
import io.secretgate.kube.ClientCertificateReader;
import io.secretgate.kube.TokenReader;
import io.secretgate.kube.VaultPolicyOracle;
import io.secretgate.kube.WatchedObjects;
import io.secretgate.kube.WebhookInformers;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.server.AdmissionEndpoint;
import io.secretgate.server.HealthChecks;
import io.secretgate.server.WebhookMetrics;
import io.secretgate.server.WebhookServer;
import io.secretgate.testing.Crds;
import io.secretgate.testing.FakeVault;
import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.ServingCertificate;
import io.secretgate.tls.SslContexts;
import io.secretgate.validation.AclPolicyOracle;
import io.secretgate.validation.ManifestStores;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.vault.DriverVaultGateway;
import io.secretgate.vault.policy.Acl;
import io.secretgate.vault.policy.PolicyFiles;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server side of {@code bench/run admission}, in its own JVM: the real {@link WebhookServer}
 * (TLS, 32 threads, metrics on a Prometheus registry, as {@code serve} runs it) with warm in-memory
 * facts (stores from a manifest file, the store token's policy from an HCL file, evaluated in
 * memory as a warm capabilities cache would answer), the same webhook on the online facts
 * {@code serve} uses ({@value #ONLINE_PATH}), plus {@value #NOOP_PATH}: reads the body (the
 * server does) and answers a constant, the floor. Usage: {@code AdmissionBenchServer CA_OUT FACTS_DIR PATH...};
 * prints {@code port=N} once listening, answers each {@value #JIT_QUESTION} line on stdin with
 * {@code jit_ms=N} (this JVM's JIT compile time so far), and runs until stdin closes.
 */
public final class AdmissionBenchServer {
  static final String NOOP_PATH = "/bench/noop";
  static final String ONLINE_PATH = "/bench/validate-online";
  static final String JIT_QUESTION = "jit";
  static final String JIT_ANSWER = "jit_ms=";
  private static final AdmissionAnswer NOOP = new AdmissionAnswer.Review(
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"bench\",\"allowed\":true}}",
      AdmissionAnswer.Outcome.ALLOWED);

  /** The endpoints the bench can serve, by path; FACTS_DIR is passed in. Add a line here for a new webhook. */
  static final Map<String, Function<Path, AdmissionEndpoint>> KNOWN = Map.of(
      "/validate/externalsecret", AdmissionBenchServer::validating,
      ONLINE_PATH, AdmissionBenchServer::validatingOnline,
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
   * The validating webhook as {@code serve} wires it, on online facts in this JVM: stores and
   * namespaces from informers over a fabric8 mock API server holding cluster.yaml, the store's token
   * from its watched Secret ({@link WatchedObjects}), policy answers asked from a FakeVault whose
   * token has policy.hcl and cached for 30 s ({@link VaultPolicyOracle}). Once warm, a request makes
   * no call to either; every 30 s one request asks FakeVault again.
   */
  private static AdmissionEndpoint validatingOnline(Path facts) {
    try {
      KubernetesMockServer kube = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
      kube.init();
      KubernetesClient client = kube.createClient();
      Crds.install(client);
      FakeVault vault = new FakeVault();
      vault.token("s.bench", new FakeVault.TokenInfo(List.of(PolicyFiles.load(facts.resolve("policy.hcl"))), 3600));
      String yaml = Files.readString(facts.resolve("cluster.yaml"), StandardCharsets.UTF_8).replace("https://vault.vault.svc:8200", vault.address().toString());
      client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().forEach(item -> client.resource(item).create());
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("secretgate").endMetadata().build()).create();
      client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
          .withData(Map.of("token", Base64.getEncoder().encodeToString("s.bench".getBytes(StandardCharsets.UTF_8)))).build()).create();
      WebhookInformers informers = WebhookInformers.start(client);
      while (!informers.synced()) Thread.sleep(20);
      WatchedObjects watched = new WatchedObjects(client);
      VaultPolicyOracle oracle = new VaultPolicyOracle(VaultPolicyOracle.tokensFrom(new TokenReader(watched)), VaultPolicyOracle.casFrom(new CaReader(watched)),
          VaultPolicyOracle.clientCertificatesFrom(new ClientCertificateReader(watched)), DriverVaultGateway::new, Clock.systemUTC(),
          Duration.ofSeconds(30), Duration.ofSeconds(2));
      return new ValidatingAdmission(CrdSchemas.fromClasspath(), informers.lookup(), oracle, AdmissionSettings.DEFAULTS)::answer;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the online bench facts from " + facts + ": " + e.getMessage(), e);
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
