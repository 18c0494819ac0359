package io.secretgate.cli;

import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretTemplate;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultProvider;
import io.secretgate.secrets.BuildOutcome;
import io.secretgate.secrets.DesiredSecret;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.secrets.EsoText;
import io.secretgate.secrets.SecretSource;
import io.secretgate.secrets.SecretSourceException;
import io.secretgate.secrets.SecretSources;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.secrets.TemplateEngine;
import io.secretgate.secrets.template.GoTemplateEngine;
import io.secretgate.validation.Store;
import io.secretgate.vault.KvSecretSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secretgate render}: the Kubernetes Secret the controller would write for an
 * ExternalSecret, from Vault answers kept in a file. Exit 0 with the Secret on stdout (or a note on
 * stderr when the controller would write nothing), 1 when the sync would fail (status message and
 * event text on stderr), 2 for bad input.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {
        "Print the Secret the controller would write for an ExternalSecret, from Vault data in a file.",
        "DATA.json maps Vault API paths to the top-level 'data' field of Vault's answer, e.g.",
        "  {\"secret/data/app\": {\"data\": {\"password\": \"...\"}, \"metadata\": {}},",
        "   \"secret/metadata/\": {\"keys\": [\"app\"]}, \"secret/data/gone\": null}",
        "A path mapped to null, or absent, is a 404; list paths end with '/'."})
public final class RenderCommand implements Callable<Integer> {
  /** Template engine used for template data; swapped for the Go-template engine once it lands. */
  static final TemplateEngine TEMPLATES = new GoTemplateEngine();

  /** Output formats. */
  enum Format {
    json,
    yaml
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", required = true, paramLabel = "ES.yaml",
      description = "Manifest file holding the ExternalSecret (the first one is rendered; v1 or v1beta1), or - for stdin.")
  Path file;

  @Option(names = "--store", paramLabel = "STORE.yaml",
      description = "Manifest file holding the SecretStore/ClusterSecretStore, or - for stdin (default: the --file documents).")
  Path store;

  @Option(names = "--vault-data", required = true, paramLabel = "DATA.json",
      description = "Vault API paths mapped to Vault's answers (see above).")
  Path vaultData;

  @Option(names = "--format", defaultValue = "json", paramLabel = "json|yaml",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--redact",
      description = "Print keys only: data values, the data-hash annotation and template-rendered metadata values become "
          + SecretPrinter.REDACTED + ".")
  boolean redact;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RenderInputs inputs = RenderInputs.read(file, store, vaultData);
    ExternalSecret es = inputs.externalSecret;
    BuildOutcome outcome;
    try {
      outcome = new DesiredSecretBuilder(TEMPLATES).build(es, sources(inputs, DesiredSecretBuilder.namespace(es)));
    } catch (StoreNotUsable e) {
      // the controller fails the sync when it opens such a store, before any read (ExternalSecretReconciler.open)
      return syncWouldFail(err, EsoText.REASON_SYNCED_ERROR, EsoText.MSG_ERROR_GET_SECRET_DATA, SyncEvent.warning(EsoText.EVENT_UPDATE_FAILED, e.getMessage()));
    }
    for (SyncEvent e : outcome.events()) err.println("secretgate: event " + e.type() + " " + e.reason() + ": " + oneLine(e.message()));
    String target = DesiredSecretBuilder.namespace(es) + "/" + DesiredSecretBuilder.secretName(es);
    if (outcome instanceof BuildOutcome.Write w) {
      printSecret(out, w.secret(), es);
      note(err, w.secret());
      return ExitCodes.OK;
    }
    if (outcome instanceof BuildOutcome.Retain) {
      err.println("secretgate: the provider returned no data: the controller would leave Secret " + target + " as it is ("
          + EsoText.REASON_SYNCED + ": " + EsoText.MSG_SYNCED_RETAIN + ")");
      return ExitCodes.OK;
    }
    if (outcome instanceof BuildOutcome.Delete) {
      err.println("secretgate: the provider returned no data: the controller would delete Secret " + target + " ("
          + EsoText.REASON_DELETED + ": " + EsoText.MSG_DELETED + ")");
      return ExitCodes.OK;
    }
    BuildOutcome.Failed f = (BuildOutcome.Failed) outcome;
    return syncWouldFail(err, f.reason(), f.message(), f.warningEvent());
  }

  private static int syncWouldFail(PrintWriter err, String reason, String message, SyncEvent event) {
    err.println("secretgate: sync would fail: " + reason + ": " + message);
    err.println("secretgate: event " + event.type() + " " + event.reason() + ": " + oneLine(event.message()));
    return ExitCodes.FINDING;
  }

  private void printSecret(PrintWriter out, DesiredSecret secret, ExternalSecret es) {
    ExternalSecretTemplate tpl = es.getSpec().effectiveTarget().template;
    Set<String> labels = tpl == null || tpl.metadata == null ? Set.of() : templated(tpl.metadata.labels);
    Set<String> annotations = tpl == null || tpl.metadata == null ? Set.of() : templated(tpl.metadata.annotations);
    Map<String, Object> manifest = SecretPrinter.manifest(secret, redact, labels, annotations);
    out.print(format == Format.yaml ? SecretPrinter.yaml(manifest) : SecretPrinter.json(manifest));
  }

  private static Set<String> templated(Map<String, String> values) {
    Set<String> keys = new TreeSet<>();
    if (values != null) values.forEach((k, v) -> {
      if (v != null && v.contains("{{")) keys.add(k);
    });
    return keys;
  }

  private static void note(PrintWriter err, DesiredSecret secret) {
    if (secret.creationPolicy() == CreationPolicy.Merge) {
      err.println("secretgate: creationPolicy=Merge: the controller only merges these keys into an existing Secret "
          + secret.namespace() + "/" + secret.name() + " (" + EsoText.REASON_MISSING + " when it does not exist)");
    } else if (secret.creationPolicy() == CreationPolicy.None) {
      err.println("secretgate: creationPolicy=None: the controller would not write this Secret");
    }
  }

  private static SecretSources sources(RenderInputs inputs, String namespace) {
    Map<String, SecretSource> byStore = new HashMap<>();
    inputs.stores.forEach((key, provider) -> byStore.put(key, new KvSecretSource(inputs.vaultData, provider)));
    return (SecretStoreRef ref) -> {
      SecretSource s = ref == null ? null : byStore.get(RenderInputs.key(ref));
      if (s == null) {
        throw new SecretSourceException(SecretSourceException.Reason.INVALID_REQUEST, "could not get store: no such store");
      }
      if (otherAuthOnly(inputs.stores.get(RenderInputs.key(ref)))) {
        Store store = new Store(ref.effectiveKind(), ref.name, ref.effectiveKind() == StoreKind.ClusterSecretStore ? null : namespace, null);
        throw new StoreNotUsable(store.displayName() + ": " + VaultProvider.ONLY_TOKEN_AUTH);
      }
      return s;
    };
  }

  /**
   * Whether the store logs in only with an auth method secretgate does not support yet (kubernetes,
   * appRole, ...). A store without any auth block is rendered: render needs no token, and a manifest
   * written just for render may leave it out.
   */
  private static boolean otherAuthOnly(VaultProvider provider) {
    return !provider.usesTokenAuth() && provider.auth != null && !provider.auth.methodsPresent().isEmpty();
  }

  /** A store the controller cannot sync from (an auth method not supported yet); the message is its event text. */
  private static final class StoreNotUsable extends RuntimeException {
    StoreNotUsable(String message) {
      super(message, null, false, false);
    }
  }

  /** Event texts may hold Vault's multi-line errors; stderr gets one line per message. */
  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
