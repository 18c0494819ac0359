package io.secretgate.server;

import io.secretgate.manifest.ReadFailure;
import io.secretgate.threads.ThreadHealth;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.ServerCertificateUse;
import io.secretgate.tls.TlsException;
import io.secretgate.tls.Validity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving certificate from two PEM files ({@code --tls-cert-file}, {@code --tls-key-file}, e.g.
 * a cert-manager Secret mounted as a volume), reloaded without a restart: every poll reads both
 * files and, when their content changed, swaps the new pair into the {@link ReloadableKeyManager}.
 * A pair that does not read or does not belong together (a half-finished rotation) keeps the old
 * material and logs one warning; the next change is tried again. So does a pair whose certificate
 * is expired or not valid yet while the one served is valid (an old Secret restored, an issuer's
 * clock ahead of ours); one not valid yet is swapped in at the first poll once it is. A poll that
 * dies of an {@link Error} other than a stack overflow makes it unhealthy ({@link ThreadHealth}).
 */
public final class CertificateFiles implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CertificateFiles.class);

  private final Path certFile;
  private final Path keyFile;
  private final Clock clock;
  private final ReloadableKeyManager keys;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tls-file-reload");
    t.setDaemon(true);
    return t;
  });
  private final ThreadHealth health = new ThreadHealth("the webhook certificate");
  private String seen; // the content last tried; guarded by this
  private String notYetValid; // the content of a valid pair whose certificate has not started yet, tried again each poll; guarded by this

  private CertificateFiles(Path certFile, Path keyFile, Clock clock, String content, KeyMaterial initial) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.clock = clock;
    this.seen = content;
    this.keys = new ReloadableKeyManager(initial);
  }

  /**
   * Reads the pair once.
   *
   * @throws TlsException when the files cannot be read, do not parse or do not belong together
   */
  public static CertificateFiles load(Path certFile, Path keyFile, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Pair pair = Pair.read(certFile, keyFile);
    return new CertificateFiles(certFile, keyFile, clock, pair.content(), pair.material());
  }

  /** Polls every {@code period} from now on. */
  public CertificateFiles watch(Duration period) {
    return watch(period, UnaryOperator.identity());
  }

  /** {@code reloads}: what runs each poll, given the reload (tests put failures around it). */
  CertificateFiles watch(Duration period, UnaryOperator<Runnable> reloads) {
    poller.scheduleWithFixedDelay(health.guarded("the reload of " + certFile, reloads.apply(this::reloadQuietly)), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Liveness: false once a poll died of an {@link Error} that may leave the JVM unsound (the files would never be reloaded). */
  public boolean healthy() {
    return health.healthy();
  }

  /** The key manager to build the server's SSLContext on. */
  public ReloadableKeyManager keys() {
    return keys;
  }

  /** Whether the certificate served now is valid now (readiness). */
  public boolean servable() {
    return Validity.check(keys.current(), clock.instant(), Duration.ZERO).servable();
  }

  /** Reads the files now; true when new material was swapped in. */
  public synchronized boolean reload() {
    String certPem;
    String keyPem;
    try {
      certPem = read(certFile);
      keyPem = read(keyFile);
    } catch (TlsException e) {
      log.warn("{}; still serving the previous certificate", e.getMessage());
      return false;
    }
    String content = certPem + "\u0000" + keyPem;
    boolean waiting = content.equals(notYetValid);
    if (content.equals(seen) && !waiting) return false;
    seen = content;
    notYetValid = null;
    try {
      KeyMaterial next = readMaterial(certFile, certPem, keyFile, keyPem);
      Validity.Status status = Validity.check(next, clock.instant(), Duration.ZERO);
      if (!status.servable() && servable()) {
        if (status == Validity.Status.NOT_YET_VALID) notYetValid = content;
        if (!waiting) log.warn("the new {} is {} ({}); still serving the previous certificate{}", certFile,
            status == Validity.Status.EXPIRED ? "expired" : "not valid yet", next, notYetValid == null ? "" : " until it is");
        return false;
      }
      keys.swap(next);
      log.info("serving the new certificate from {}: {}", certFile, next);
      return true;
    } catch (TlsException | IllegalArgumentException e) {
      log.warn("the new {} / {} is not usable ({}); still serving the previous certificate", certFile, keyFile, e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException | StackOverflowError e) { // a stack overflow has unwound: the next poll tries again
      log.warn("certificate reload failed ({}); still serving the previous certificate", e.getClass().getSimpleName());
    }
  }

  private record Pair(String content, KeyMaterial material) {
    static Pair read(Path certFile, Path keyFile) {
      String certPem = CertificateFiles.read(certFile);
      String keyPem = CertificateFiles.read(keyFile);
      return new Pair(certPem + "\u0000" + keyPem, readMaterial(certFile, certPem, keyFile, keyPem));
    }
  }

  /** The pair read from the files' text, refused when kube-apiserver could not use its certificate ({@link ServerCertificateUse}). */
  private static KeyMaterial readMaterial(Path certFile, String certPem, Path keyFile, String keyPem) {
    KeyMaterial material = Pem.readKeyMaterial(certPem, certFile.toString(), keyPem, keyFile.toString());
    ServerCertificateUse.check(material.certificate(), certFile.toString());
    return material;
  }

  /** The file's text, or a {@link TlsException} naming it and saying why in words. */
  private static String read(Path file) {
    try {
      return Pem.readText(file);
    } catch (IOException e) {
      throw new TlsException("cannot read " + file + " (" + ReadFailure.reason(file, e) + ")");
    }
  }
}
