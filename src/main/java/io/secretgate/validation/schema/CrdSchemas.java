package io.secretgate.validation.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The structural schemas of secretgate's CRDs, one per (group/version, kind), served versions and
 * unserved ones alike (so {@code external-secrets.io/v1beta1} manifests can be checked too).
 */
public final class CrdSchemas {
  /** The CRDs the build generates from the API model (crd-generator-maven-plugin, process-classes). */
  static final List<String> CLASSPATH_CRDS = List.of(
      "META-INF/fabric8/externalsecrets.external-secrets.io-v1.yml",
      "META-INF/fabric8/secretstores.external-secrets.io-v1.yml",
      "META-INF/fabric8/clustersecretstores.external-secrets.io-v1.yml");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final Map<String, StructuralSchema> schemas;

  private CrdSchemas(Map<String, StructuralSchema> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  /**
   * Loads the generated CRDs from the classpath.
   *
   * @throws IllegalStateException when one is missing (the build did not run process-classes)
   */
  public static CrdSchemas fromClasspath() {
    ClassLoader loader = CrdSchemas.class.getClassLoader();
    List<JsonNode> crds = new ArrayList<>();
    for (String resource : CLASSPATH_CRDS) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("CRD " + resource + " is not on the classpath; run mvn process-classes to generate it");
        }
        crds.add(YAML.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CRD " + resource, e);
      }
    }
    return fromCrds(crds);
  }

  /**
   * Builds the schemas of the given {@code CustomResourceDefinition} documents (apiextensions.k8s.io/v1).
   *
   * @throws IllegalArgumentException when a document is not such a CRD or a schema is broken
   */
  public static CrdSchemas fromCrds(Collection<JsonNode> crds) {
    Map<String, StructuralSchema> schemas = new LinkedHashMap<>();
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      String group = spec.path("group").asString("");
      String kind = spec.path("names").path("kind").asString("");
      if (!"CustomResourceDefinition".equals(crd.path("kind").asString("")) || group.isEmpty() || kind.isEmpty()) {
        throw new IllegalArgumentException("not a CustomResourceDefinition with spec.group and spec.names.kind");
      }
      for (JsonNode version : spec.path("versions")) {
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        if (!schema.isObject()) continue;
        schemas.put(key(group + "/" + version.path("name").asString(""), kind), StructuralSchema.of(schema));
      }
    }
    return new CrdSchemas(schemas);
  }

  /** The schema for {@code apiVersion} (e.g. {@code external-secrets.io/v1}) and {@code kind}, if there is a CRD for it. */
  public Optional<StructuralSchema> schemaFor(String apiVersion, String kind) {
    if (apiVersion == null || kind == null) return Optional.empty();
    return Optional.ofNullable(schemas.get(key(apiVersion, kind)));
  }

  /** Every known {@code apiVersion kind} pair, e.g. {@code external-secrets.io/v1beta1 SecretStore}. */
  public Set<String> known() {
    return Collections.unmodifiableSet(new TreeSet<>(schemas.keySet()));
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + " " + kind;
  }
}
