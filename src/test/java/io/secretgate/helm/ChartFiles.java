package io.secretgate.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart in helm/secretgate, its values fixtures (src/test/resources/helm/values-MODE.yaml), and
 * Helm (v3, embedded by helm-java) run over them.
 */
final class ChartFiles {
  /** Release name and namespace of every render: the names webhook-config/*.yaml is written for. */
  static final String RELEASE = "secretgate";
  static final String NAMESPACE = "secretgate";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final YAMLMapper YAML = new YAMLMapper();

  private ChartFiles() {}

  static Path basedir() {
    return Path.of(System.getProperty("secretgate.basedir", System.getProperty("user.dir")));
  }

  static Path chart() {
    return basedir().resolve("helm/secretgate");
  }

  /** {@code values-MODE.yaml}, or null for "default" (the chart's own values.yaml only). */
  static Path values(String mode) {
    if (mode.equals("default")) return null;
    Path p = basedir().resolve("src/test/resources/helm/values-" + mode + ".yaml");
    if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no values fixture " + p);
    return p;
  }

  /** {@code helm template secretgate helm/secretgate -n secretgate [-f values-MODE.yaml] [--set k=v ...]}. */
  static String template(String mode, Map<String, Object> sets) {
    return template(RELEASE, NAMESPACE, mode, sets);
  }

  static String template(String release, String namespace, String mode, Map<String, Object> sets) {
    TemplateCommand t = new Helm(chart()).template().withName(release).withNamespace(namespace);
    Path values = values(mode);
    if (values != null) t = t.withValuesFile(values);
    for (Map.Entry<String, Object> e : sets.entrySet()) t = t.set(e.getKey(), e.getValue());
    return t.call();
  }

  /** The rendered objects of a mode, parsed into fabric8 model classes. */
  static Rendered render(String mode) {
    return render(mode, Map.of());
  }

  static Rendered render(String mode, Map<String, Object> sets) {
    return new Rendered(parse(template(mode, sets)));
  }

  static List<HasMetadata> parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : manifest.split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) continue;
      objects.add(SERIALIZATION.unmarshal(doc, HasMetadata.class));
    }
    return objects;
  }

  /**
   * {@code helm lint --strict} of the chart with a mode's values. helm-java's lint takes no values
   * file, so the chart is copied and its values.yaml replaced by the defaults merged with the
   * fixture (as Helm merges -f), which is what Helm would lint.
   */
  static LintResult lint(String mode, Path workDir) {
    Path values = values(mode);
    if (values == null) return new Helm(chart()).lint().strict().call();
    Path copy = workDir.resolve("secretgate");
    copyTree(chart(), copy);
    JsonNode merged = merge(YAML.readTree(chart().resolve("values.yaml").toFile()), YAML.readTree(values.toFile()));
    YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
    return new Helm(copy).lint().strict().call();
  }

  /**
   * An umbrella chart in {@code workDir} with secretgate as its dependency (in its charts/, enabled by the
   * condition {@code secretgate.enabled}) and the given parent values.yaml; returns its directory.
   */
  static Path umbrella(Path workDir, String parentValues) {
    Path parent = workDir.resolve("umbrella");
    copyTree(chart(), parent.resolve("charts/secretgate"));
    try {
      Files.writeString(parent.resolve("Chart.yaml"), """
          apiVersion: v2
          name: umbrella
          version: 1.0.0
          dependencies:
            - name: secretgate
              version: 0.1.0
              condition: secretgate.enabled
          """);
      Files.writeString(parent.resolve("values.yaml"), parentValues);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parent;
  }

  private static JsonNode merge(JsonNode base, JsonNode override) {
    if (!(base instanceof ObjectNode target) || !override.isObject()) return override;
    for (Iterator<Map.Entry<String, JsonNode>> it = override.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode current = target.get(e.getKey());
      target.set(e.getKey(), current == null ? e.getValue() : merge(current, e.getValue()));
    }
    return target;
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
