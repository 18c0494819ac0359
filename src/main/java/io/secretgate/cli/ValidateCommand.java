package io.secretgate.cli;

import io.secretgate.cli.validate.OutputFormat;
import io.secretgate.cli.validate.ValidateReport;
import io.secretgate.manifest.ManifestProblem;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.ManifestValidation;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.schema.CrdSchemas;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
      return report(new ValidateReport(validation.validate(manifests), manifests.problems()));
    }
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
