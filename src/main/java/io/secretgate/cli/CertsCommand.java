package io.secretgate.cli;

import io.secretgate.manifest.ReadFailure;
import io.secretgate.tls.CaBundle;
import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.ServiceNames;
import io.secretgate.tls.ServingCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secretgate certs}: serving certificates for the webhooks. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description = "Serving certificates for the webhooks.",
    subcommands = {CertsCommand.Generate.class})
public final class CertsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    return SubcommandRequired.usageError(spec);
  }

  /**
   * {@code secretgate certs generate}: a CA, a serving certificate for a Service and its key, as
   * files for a non-Helm install (certs/README.md), and optionally the webhook configurations with
   * the caBundle filled in. The CA key is not written: nothing else can ever be signed by this CA.
   */
  @Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
          "Write ca.crt, tls.crt (serving certificate + CA) and tls.key (PKCS#8, mode 600) for the webhook Service,",
          "and print the caBundle to put in the webhook configurations. The CA key is not kept: to renew, generate",
          "a new set and keep the old CA in caBundle until the new certificate is served (--previous-ca).",
          "SANs: <svc>, <svc>.<ns>, <svc>.<ns>.svc, <svc>.<ns>.svc.cluster.local. EC P-256, SHA-256."})
  public static final class Generate implements Callable<Integer> {
    /** Certificates start this long before now, so that clocks running a little behind accept them. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final String CA_FILE = "ca.crt";
    static final String CERT_FILE = "tls.crt";
    static final String KEY_FILE = "tls.key";
    /** The last instant a certificate can hold: RFC 5280 §4.1.2.5 writes years with four digits. */
    static final Instant LAST_NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The webhook's Service name.")
    String service;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "The Service's namespace.")
    String namespace;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to (created if missing).")
    Path out;

    @Option(names = "--validity-days", defaultValue = "365", paramLabel = "DAYS",
        description = "Lifetime of the serving certificate (default: ${DEFAULT-VALUE}).")
    int validityDays;

    @Option(names = "--ca-validity-days", defaultValue = "3650", paramLabel = "DAYS",
        description = "Lifetime of the CA (default: ${DEFAULT-VALUE}); at least --validity-days.")
    int caValidityDays;

    @Option(names = "--previous-ca", paramLabel = "FILE",
        description = "CA certificate(s) the running install is trusted with (e.g. its old ca.crt), kept in the printed "
            + "caBundle and the --webhook-config copies beside the new CA for an overlapping rotation. Expired CAs are dropped.")
    List<Path> previousCas = new ArrayList<>();

    @Option(names = "--webhook-config",
        description = "Also write validating-webhook.yaml and mutating-webhook.yaml (from webhook-config/) with the "
            + "service, namespace and caBundle filled in.")
    boolean webhookConfig;

    @Option(names = "--force", description = "Overwrite files that already exist in --out.")
    boolean force;

    @Override
    public Integer call() {
      List<String> names = checkedNames();
      Instant now = Instant.now();
      checkValidity(now);
      List<X509Certificate> previous = readPreviousCas();

      List<String> fileNames = new ArrayList<>(List.of(CA_FILE, CERT_FILE, KEY_FILE));
      if (webhookConfig) fileNames.addAll(WebhookConfigTemplates.FILES);
      OutputFiles.refuseOverwrite(out, fileNames, force, " (replacing a CA that is in use breaks the webhook until"
          + " caBundle holds the new one; see certs/README.md)");

      Instant notBefore = now.minus(BACKDATE);
      String caName = "secretgate-ca@" + now.getEpochSecond();
      CertificateAuthority ca = CertificateAuthority.generate(caName, notBefore, Duration.ofDays(caValidityDays).plus(BACKDATE));
      KeyMaterial leaf = ServingCertificate.issue(ca, names, notBefore, Duration.ofDays(validityDays).plus(BACKDATE));
      List<X509Certificate> bundle = CaBundle.merge(previous, List.of(ca.certificate()), now);
      String caBundle = CaBundle.toFieldValue(bundle);

      OutputFiles files = new OutputFiles(out);
      files.add(CA_FILE, Pem.writeCertificate(ca.certificate()), false)
          .add(CERT_FILE, Pem.writeCertificates(leaf.chain()), false)
          .add(KEY_FILE, Pem.writePrivateKey(leaf.privateKey()), true);
      if (webhookConfig) {
        for (String f : WebhookConfigTemplates.FILES) files.add(f, WebhookConfigTemplates.filled(f, service, namespace, caBundle), false);
      }
      files.write();
      report(files, caName, ca, leaf, names, bundle, caBundle);
      return ExitCodes.OK;
    }

    private List<String> checkedNames() {
      try {
        return ServiceNames.of(service, namespace);
      } catch (IllegalArgumentException e) {
        throw new InputException((e.getMessage().startsWith("service") ? "--service: " : "--namespace: ") + e.getMessage());
      }
    }

    private void checkValidity(Instant now) {
      if (validityDays < 1) throw new InputException("--validity-days: must be at least 1, got " + validityDays);
      if (caValidityDays < validityDays) {
        throw new InputException("--ca-validity-days: must be at least --validity-days (" + validityDays + "), got " + caValidityDays
            + "; a certificate cannot outlive its CA");
      }
      if (now.plus(Duration.ofDays(caValidityDays)).isAfter(LAST_NOT_AFTER)) {
        throw new InputException("--ca-validity-days: " + caValidityDays + " days from now end after " + LAST_NOT_AFTER
            + ", the last instant a certificate can hold");
      }
    }

    private List<X509Certificate> readPreviousCas() {
      List<X509Certificate> cas = new ArrayList<>();
      for (Path file : previousCas) {
        try {
          cas.addAll(Pem.readCertificates(file));
        } catch (IOException e) {
          throw new InputException(file + ": cannot be read (" + ReadFailure.reason(file, e) + ")");
        }
      }
      return cas;
    }

    private void report(OutputFiles files, String caName, CertificateAuthority ca, KeyMaterial leaf, List<String> names,
        List<X509Certificate> bundle, String caBundle) {
      PrintWriter w = spec.commandLine().getOut();
      w.println("wrote " + files.path(CA_FILE) + ": CA '" + caName + "', valid until " + ca.certificate().getNotAfter().toInstant());
      w.println("wrote " + files.path(CERT_FILE) + ": serving certificate for " + String.join(", ", names)
          + ", valid until " + leaf.certificate().getNotAfter().toInstant() + ", followed by the CA");
      w.println("wrote " + files.path(KEY_FILE) + ": its private key (PKCS#8 PEM, EC P-256"
          + (OutputFiles.posix() ? ", mode 600)" : "; set its permissions yourself, this file system has no POSIX modes)"));
      if (webhookConfig) {
        for (String f : WebhookConfigTemplates.FILES) w.println("wrote " + files.path(f) + ": webhook-config/" + f + " with caBundle filled in");
      }
      w.println();
      w.println("caBundle (base64 of " + (bundle.size() == 1 ? CA_FILE : bundle.size() + " CAs: the previous ones and " + CA_FILE)
          + ") for clientConfig.caBundle of both webhooks:");
      w.println("caBundle: " + caBundle);
      w.println();
      w.println("next: kubectl -n " + namespace + " create secret tls " + service + "-tls --cert=" + files.path(CERT_FILE)
          + " --key=" + files.path(KEY_FILE));
    }
  }
}
