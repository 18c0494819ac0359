package io.secretgate.cli;

import io.secretgate.api.ApiGroup;
import io.secretgate.cli.validate.OutputFormat;
import io.secretgate.cli.validate.ValidateReport;
import io.secretgate.manifest.ManifestDocument;
import io.secretgate.manifest.ManifestProblem;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.ManifestValidation;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.schema.CrdSchemas;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secretgate validate}: the webhook's verdicts on manifest files, for CI. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check ExternalSecrets (and the stores they use) in manifest files, as the webhook would.",
      "Exit 0 when everything is allowed, 1 when any document is denied, 2 on bad input."
    })
public final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "A file, a directory (recursively *.yaml, *.yml, *.json) or - for stdin.")
  List<String> paths;

  @CommandLine.Mixin PolicyOptions policyOptions = new PolicyOptions();

  @Option(names = "--namespace", defaultValue = "default", converter = NamespaceConverter.class, description = "Namespace of documents that name none (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Also look up stores and namespaces in this cluster (those in PATH win).")
  Path kubeconfig;

  @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    PolicyOracle oracle = policyOptions.oracle();
    ManifestSet manifests = new ManifestReader(System.in).read(paths);
    try (ClusterAccess cluster = ClusterAccess.open(kubeconfig)) {
      ManifestValidation validation = new ManifestValidation(CrdSchemas.fromClasspath(), oracle, namespace, cluster.stores());
      int code = report(new ValidateReport(validation.validate(manifests), manifests.problems()));
      notChecked(manifests).ifPresent(note -> spec.commandLine().getErr().println("secretgate: " + note));
      return code;
    }
  }

  /**
   * ESO's other kinds in the documents (ClusterExternalSecret, PushSecret...), which are neither
   * checked nor listed: said on stderr, so that "1 document(s) checked" is not read as covering them.
   */
  static Optional<String> notChecked(ManifestSet manifests) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ManifestDocument d : manifests.documents()) {
      if (ApiGroup.isOfGroup(d.apiVersion()) && d.kind() != null && !ApiGroup.KINDS.contains(d.kind())) counts.merge(d.kind(), 1, Integer::sum);
    }
    if (counts.isEmpty()) return Optional.empty();
    return Optional.of("not checked: " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
        + " (secretgate checks ExternalSecrets and their stores only)");
  }

  private int report(ValidateReport report) {
    PrintWriter out = spec.commandLine().getOut();
    format.print(report, out);
    out.flush();
    for (ManifestProblem p : report.problems()) spec.commandLine().getErr().println("secretgate: " + p);
    for (String w : policyOptions.unusedStorePolicies()) spec.commandLine().getErr().println("secretgate: " + w);
    if (!report.problems().isEmpty()) return ExitCodes.INPUT;
    return report.denied() > 0 ? ExitCodes.FINDING : ExitCodes.OK;
  }
}
