package io.secretgate.certs;

import io.secretgate.kube.CertificateSecret;
import io.secretgate.kube.KubeWriteException;
import io.secretgate.kube.WebhookCaBundles;
import io.secretgate.threads.ThreadHealth;
import io.secretgate.tls.CaBundle;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.TlsException;
import io.secretgate.tls.Validity;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-managed serving certificates: the CA and serving certificate live in one Secret that every
 * replica reads, so all replicas serve the same certificate. A pass ({@link #reconcile()}) reads
 * the Secret and the webhook configurations, lets {@link CertPlan} decide, writes the Secret at the
 * resourceVersion it read (a lost race re-reads the winner's), serves what the Secret holds, and
 * patches {@code caBundle} into every webhook of our configurations whose bundle differs (drift
 * repair). Passes run on one thread: when the Secret or a configuration changes (informers), and
 * every {@code recheck}.
 */
public final class SelfManagedCertificates implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SelfManagedCertificates.class);
  private static final int MAX_STEPS = 8;

  /**
   * The named configurations to keep {@code caBundle} in, and the Service our webhooks are called
   * through: a webhook of theirs that calls another Service (another install's) is left alone.
   */
  public record Configurations(String validating, String mutating, String serviceNamespace, String serviceName) {
    boolean calls(String service) {
      return service.isEmpty() || service.equals(serviceNamespace + "/" + serviceName);
    }
  }

  private final CertificateSecret secret;
  private final WebhookCaBundles bundles;
  private final Configurations configurations;
  private final CertPolicy policy;
  private final Clock clock;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "self-managed-certs");
    t.setDaemon(true);
    return t;
  });
  private final List<AutoCloseable> informers = new ArrayList<>();
  private final java.util.Set<WebhookCaBundles.Kind> reportedMissing = java.util.EnumSet.noneOf(WebhookCaBundles.Kind.class);
  private final java.util.Set<String> reportedForeign = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile ReloadableKeyManager keys;
  private final ThreadHealth health = new ThreadHealth("the webhook certificate");

  public SelfManagedCertificates(CertificateSecret secret, WebhookCaBundles bundles, Configurations configurations, CertPolicy policy, Clock clock) {
    this.secret = secret;
    this.bundles = bundles;
    this.configurations = configurations;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Runs a first pass (so there is a certificate to serve), then watches the Secret and the
   * configurations and passes again on every change and every {@code recheck}.
   *
   * @throws KubeWriteException when the first pass cannot read or write the Secret
   */
  public SelfManagedCertificates start(Duration recheck) {
    reconcile();
    informers.add(secret.inform(this::soon));
    informers.add(bundles.inform(WebhookCaBundles.Kind.VALIDATING, configurations.validating(), this::soon));
    informers.add(bundles.inform(WebhookCaBundles.Kind.MUTATING, configurations.mutating(), this::soon));
    worker.scheduleWithFixedDelay(pass(), recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The key manager to build the server's SSLContext on (after the first pass). */
  public ReloadableKeyManager keys() {
    if (keys == null) throw new IllegalStateException("no certificate yet: run a pass first");
    return keys;
  }

  /** Readiness: a certificate is served and valid now. */
  public boolean servable() {
    ReloadableKeyManager k = keys;
    return k != null && Validity.check(k.current(), clock.instant(), Duration.ZERO).servable();
  }

  /** Liveness: false once a pass died of an {@link Error} that may leave the JVM unsound (the certificate would never be renewed). */
  public boolean healthy() {
    return health.healthy();
  }

  /**
   * One pass: decide and write until nothing is left to do now, serve, publish.
   *
   * @return the steps taken, {@link CertPlan.Kind#KEEP} last
   * @throws KubeWriteException when the API fails (what is served stays as it is)
   */
  public synchronized List<CertPlan.Kind> reconcile() {
    List<CertPlan.Kind> steps = new ArrayList<>();
    for (int i = 0; i < MAX_STEPS; i++) {
      Optional<CertificateSecret.Snapshot> snapshot = secret.read();
      CertPlan.Stored stored = stored(snapshot);
      List<WebhookCaBundles.Installed> installed = installed();
      boolean published = stored instanceof CertPlan.Usable u && trusted(installed, u.state().bundle());
      CertPlan.Decision decision = CertPlan.decide(stored, clock.instant(), published, policy);
      if (decision.changes()) {
        CertSecretFormat.Content content = CertSecretFormat.encode(decision.state());
        if (!secret.write(content.data(), content.annotations(), snapshot)) {
          log.info("{} changed while being written (another replica); reading it again", secret.describe());
          continue;
        }
        log(decision);
      }
      steps.add(decision.kind());
      serve(decision.state().serving());
      publish(installed, decision.state().bundle());
      if (!decision.changes()) return steps;
    }
    log.warn("{}: no stable state after {} steps ({}); trying again later", secret.describe(), MAX_STEPS, steps);
    return steps;
  }

  @Override
  public void close() {
    worker.shutdownNow();
    for (AutoCloseable informer : informers) {
      try {
        informer.close();
      } catch (Exception e) {
        log.debug("closing a watch failed ({})", e.getClass().getSimpleName());
      }
    }
  }

  private CertPlan.Stored stored(Optional<CertificateSecret.Snapshot> snapshot) {
    if (snapshot.isEmpty()) return new CertPlan.Missing();
    CertSecretFormat.Content content = new CertSecretFormat.Content(snapshot.get().data(), snapshot.get().annotations());
    try {
      return new CertPlan.Usable(CertSecretFormat.decode(content, secret.describe()));
    } catch (UnusableCertificates e) {
      return new CertPlan.Unusable(e.getMessage(), CertSecretFormat.authority(content, secret.describe()));
    }
  }

  private void log(CertPlan.Decision decision) {
    if (decision.kind() == CertPlan.Kind.REGENERATE) {
      log.warn("{} holds no usable certificate ({}); generated a new CA and serving certificate", secret.describe(), decision.reason());
    } else if (decision.kind() == CertPlan.Kind.REISSUE_SERVING) {
      log.warn("{} holds no usable serving certificate ({}); issued a new one from its CA", secret.describe(), decision.reason());
    } else {
      log.info("{}: {} ({}); serving {}", secret.describe(), decision.kind(), decision.reason(), decision.state().serving().certificate().getSerialNumber().toString(16));
    }
  }

  private void serve(KeyMaterial material) {
    if (keys == null) {
      keys = new ReloadableKeyManager(material);
      return;
    }
    if (!keys.current().certificate().equals(material.certificate())) {
      keys.swap(material);
      log.info("serving the certificate from {} (serial {})", secret.describe(), material.certificate().getSerialNumber().toString(16));
    }
  }

  private List<WebhookCaBundles.Installed> installed() {
    List<WebhookCaBundles.Installed> found = new ArrayList<>();
    bundles.read(WebhookCaBundles.Kind.VALIDATING, configurations.validating()).ifPresent(found::add);
    bundles.read(WebhookCaBundles.Kind.MUTATING, configurations.mutating()).ifPresent(found::add);
    return found;
  }

  /** Whether every webhook of ours in every installed configuration trusts every CA of {@code bundle}. */
  private boolean trusted(List<WebhookCaBundles.Installed> installed, List<X509Certificate> bundle) {
    for (WebhookCaBundles.Installed c : installed) {
      for (int i : ours(c)) {
        if (!new HashSet<>(cas(c.caBundles().get(i))).containsAll(bundle)) return false;
      }
    }
    return true;
  }

  /** The indexes of the webhooks that call our Service; the others are named in the log once. */
  private List<Integer> ours(WebhookCaBundles.Installed c) {
    List<Integer> ours = new ArrayList<>();
    for (int i = 0; i < c.webhookNames().size(); i++) {
      if (configurations.calls(c.services().get(i))) {
        ours.add(i);
      } else if (reportedForeign.add(c.name() + "/" + c.webhookNames().get(i) + "/" + c.services().get(i))) {
        log.warn("{} {}: webhook {} calls Service {}, not {}/{} (--service-namespace, --service-name); its caBundle is left alone",
            c.kind().resource(), c.name(), c.webhookNames().get(i), c.services().get(i), configurations.serviceNamespace(),
            configurations.serviceName());
      }
    }
    return ours;
  }

  private void publish(List<WebhookCaBundles.Installed> installed, List<X509Certificate> bundle) {
    String value = CaBundle.toFieldValue(bundle);
    for (WebhookCaBundles.Installed c : installed) {
      List<Integer> ours = ours(c);
      if (ours.stream().allMatch(i -> cas(c.caBundles().get(i)).equals(bundle))) continue;
      if (bundles.patch(c, ours, value)) {
        log.info("{} {}: caBundle set to {} CA(s)", c.kind().resource(), c.name(), bundle.size());
      } else {
        log.info("{} {} changed while being patched; the next pass repairs it", c.kind().resource(), c.name());
      }
    }
    logMissing(installed);
  }

  /** Once per configuration that goes missing: not an error (e.g. the mutating webhook is not installed). */
  private void logMissing(List<WebhookCaBundles.Installed> installed) {
    for (WebhookCaBundles.Kind kind : WebhookCaBundles.Kind.values()) {
      boolean missing = installed.stream().noneMatch(c -> c.kind() == kind);
      if (missing && reportedMissing.add(kind)) {
        String name = kind == WebhookCaBundles.Kind.VALIDATING ? configurations.validating() : configurations.mutating();
        log.info("{} {} is not installed; its caBundle will be set once it is", kind.resource(), name);
      } else if (!missing) {
        reportedMissing.remove(kind);
      }
    }
  }

  private static List<X509Certificate> cas(String field) {
    if (field == null || field.isBlank()) return List.of();
    try {
      return CaBundle.fromFieldValue(field, "caBundle");
    } catch (TlsException | IllegalArgumentException e) {
      return List.of();
    }
  }

  private void soon() {
    try {
      worker.execute(pass());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed: nothing more to do
    }
  }

  /** A pass on the worker thread: an {@link Error} does not end the passes silently (see {@link ThreadHealth}). */
  private Runnable pass() {
    return health.guarded("the self-managed certificate pass", this::reconcileQuietly);
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (KubeWriteException e) {
      log.warn("self-managed certificates: {}; still serving the current certificate, trying again later", e.getMessage());
    } catch (RuntimeException | StackOverflowError e) { // a stack overflow has unwound: the next pass tries again
      log.warn("self-managed certificates: pass failed ({}); still serving the current certificate", e.getClass().getSimpleName());
    }
  }
}
