package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.secretgate.manifest.ManifestProblem;
import io.secretgate.manifest.ParseErrors;
import io.secretgate.manifest.ReadFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * A client for the cluster a kubeconfig file selects, read as kubectl reads it: files it names
 * (certificate-authority, client-certificate, ...) relative to the kubeconfig's own directory, and
 * a current-context that names no context refused rather than ignored. Why a file cannot be used
 * is said in words, never with its content (it holds credentials) or a Java type name.
 */
public final class KubeconfigFile {
  private KubeconfigFile() {}

  /** The kubeconfig file cannot be used: {@link #problem()} says where and why. */
  public static final class UnusableException extends RuntimeException {
    private final transient ManifestProblem problem;

    UnusableException(ManifestProblem problem) {
      super(problem.toString());
      this.problem = problem;
    }

    public ManifestProblem problem() {
      return problem;
    }
  }

  /** The client for the current context of {@code file}; the caller closes it. */
  public static KubernetesClient client(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unusable(file, "cannot read kubeconfig: " + ReadFailure.reason(file, e));
    }
    checkCurrentContext(file, parse(file, text));
    try {
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(file.toFile())).build();
    } catch (RuntimeException e) {
      throw unusable(file, "not a usable kubeconfig: " + namedFileProblem(e).orElse("its certificates or keys cannot be used"));
    }
  }

  /**
   * The client fabric8 configures without a file given: in-cluster, else {@code $KUBECONFIG} or
   * {@code ~/.kube/config}. A kubeconfig found there that cannot be used is named, with why in words.
   */
  public static KubernetesClient automatic() {
    try {
      return new KubernetesClientBuilder().build();
    } catch (RuntimeException e) {
      String files = String.join(", ", Config.getKubeconfigFilenames());
      throw new UnusableException(ParseErrors.yamlSyntax(files, e).orElseGet(() -> new ManifestProblem(files,
          "not a usable kubeconfig" + namedFileProblem(e).map(p -> ": " + p).orElse(""))));
    }
  }

  private static io.fabric8.kubernetes.api.model.Config parse(Path file, String text) {
    try {
      io.fabric8.kubernetes.api.model.Config parsed = new KubernetesSerialization().unmarshal(text, io.fabric8.kubernetes.api.model.Config.class);
      if (parsed == null) throw unusable(file, "not a usable kubeconfig: it is empty");
      return parsed;
    } catch (RuntimeException e) {
      if (e instanceof UnusableException u) throw u;
      Optional<ManifestProblem> syntax = ParseErrors.yamlSyntax(file.toString(), e);
      if (syntax.isPresent()) throw new UnusableException(syntax.get());
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof JacksonException j && !j.getPath().isEmpty()) {
          throw unusable(file, "not a usable kubeconfig: " + ParseErrors.fieldPath(j, "") + " has the wrong type");
        }
      }
      throw unusable(file, "not a usable kubeconfig");
    }
  }

  /** kubectl refuses a current-context that names none of the contexts (fabric8 would quietly use its defaults). */
  private static void checkCurrentContext(Path file, io.fabric8.kubernetes.api.model.Config parsed) {
    String current = parsed.getCurrentContext();
    if (current == null || current.isEmpty()) return;
    List<NamedContext> contexts = parsed.getContexts() == null ? List.of() : parsed.getContexts();
    if (contexts.stream().noneMatch(c -> current.equals(c.getName()))) {
      throw unusable(file, "not a usable kubeconfig: its current-context \"" + current + "\" names none of its contexts");
    }
  }

  /** A file the kubeconfig names that could not be read, and why. */
  private static Optional<String> namedFileProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException f && f.getFile() != null) {
        Path named = Path.of(f.getFile());
        return Optional.of("cannot read " + named + " (" + ReadFailure.reason(named, f) + ")");
      }
    }
    return Optional.empty();
  }

  private static UnusableException unusable(Path file, String message) {
    return new UnusableException(new ManifestProblem(file.toString(), message));
  }
}
