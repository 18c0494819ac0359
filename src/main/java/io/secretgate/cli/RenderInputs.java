package io.secretgate.cli;

import io.secretgate.api.ApiGroup;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretData;
import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.StoreKind;
import io.secretgate.api.StoreSourceRef;
import io.secretgate.api.VaultProvider;
import io.secretgate.manifest.ManifestDocument;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.manifest.ParseErrors;
import io.secretgate.manifest.ReadFailure;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.secrets.json.JsonParser;
import io.secretgate.secrets.json.JsonSyntaxException;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.validation.schema.SchemaFinding;
import io.secretgate.validation.schema.StructuralSchema;
import io.secretgate.vault.StaticKvApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code secretgate render} reads: the ExternalSecret, the Vault stores it references and the
 * Vault data file. Every problem is an {@link InputException} naming the file (exit code 2).
 */
final class RenderInputs {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  final ExternalSecret externalSecret;
  /** Vault provider per store reference the ExternalSecret uses ({@code kind/name}). */
  final Map<String, VaultProvider> stores;
  final StaticKvApi vaultData;

  private RenderInputs(ExternalSecret es, Map<String, VaultProvider> stores, StaticKvApi vaultData) {
    this.externalSecret = es;
    this.stores = stores;
    this.vaultData = vaultData;
  }

  static RenderInputs read(Path esFile, Path storeFile, Path dataFile) {
    List<ManifestDocument> esDocs = manifests(esFile);
    ManifestDocument esDoc = esDocs.stream()
        .filter(d -> "ExternalSecret".equals(d.kind()) && ApiGroup.isSupported(d.apiVersion()))
        .findFirst()
        .orElseThrow(() -> new InputException(esFile + ": no ExternalSecret (" + ApiGroup.V1 + " or " + ApiGroup.V1BETA1 + ") found"));
    CrdSchemas schemas = CrdSchemas.fromClasspath();
    checkSchema(schemas, esDoc, "ExternalSecret");
    ExternalSecret es = convert(esDoc, esDoc.tree(), ExternalSecret.class, "ExternalSecret", "");
    if (es.getSpec() == null) throw new InputException(esDoc.source() + ": ExternalSecret has no spec");
    if (es.getMetadata() == null || es.getMetadata().getName() == null) {
      throw new InputException(esDoc.source() + ": ExternalSecret has no metadata.name");
    }
    // The same file twice (--file - --store -: standard input can be read once) is read once.
    boolean ownFile = storeFile != null && !storeFile.equals(esFile);
    List<ManifestDocument> storeDocs = ownFile ? manifests(storeFile) : esDocs;
    Path storeSource = ownFile ? storeFile : esFile;
    Map<String, VaultProvider> stores = new LinkedHashMap<>();
    for (Map.Entry<String, SecretStoreRef> ref : storeRefs(es, esDoc).entrySet()) {
      String key = key(ref.getValue());
      if (!stores.containsKey(key)) stores.put(key, findStore(schemas, storeDocs, storeSource, ref.getValue(), ref.getKey(), es));
    }
    return new RenderInputs(es, stores, readVaultData(dataFile));
  }

  static String key(SecretStoreRef ref) {
    return ref.effectiveKind() + "/" + ref.name;
  }

  /** Field path → store reference, for every store the ExternalSecret reads from. */
  private static Map<String, SecretStoreRef> storeRefs(ExternalSecret es, ManifestDocument doc) {
    Map<String, SecretStoreRef> refs = new LinkedHashMap<>();
    List<ExternalSecretData> data = es.getSpec().dataOrEmpty();
    List<ExternalSecretDataFrom> dataFrom = es.getSpec().dataFromOrEmpty();
    boolean ownStoreNeeded = false;
    for (int i = 0; i < dataFrom.size(); i++) {
      SecretStoreRef r = storeRef(dataFrom.get(i).sourceRef);
      if (r != null) refs.put("spec.dataFrom[" + i + "].sourceRef.storeRef", r);
      else if (dataFrom.get(i).sourceRef == null || dataFrom.get(i).sourceRef.generatorRef == null) ownStoreNeeded = true;
    }
    for (int i = 0; i < data.size(); i++) {
      SecretStoreRef r = storeRef(data.get(i).sourceRef);
      if (r != null) refs.put("spec.data[" + i + "].sourceRef.storeRef", r);
      else ownStoreNeeded = true;
    }
    if (ownStoreNeeded || refs.isEmpty()) {
      SecretStoreRef own = es.getSpec().secretStoreRef;
      if (own == null || own.name == null) throw new InputException(doc.source() + ": ExternalSecret has no spec.secretStoreRef.name");
      Map<String, SecretStoreRef> ordered = new LinkedHashMap<>();
      ordered.put("spec.secretStoreRef", own);
      ordered.putAll(refs);
      return ordered;
    }
    return refs;
  }

  private static SecretStoreRef storeRef(StoreSourceRef sourceRef) {
    return sourceRef != null && sourceRef.storeRef != null && sourceRef.storeRef.name != null ? sourceRef.storeRef : null;
  }

  private static VaultProvider findStore(CrdSchemas schemas, List<ManifestDocument> docs, Path file, SecretStoreRef ref, String field,
      ExternalSecret es) {
    StoreKind kind = ref.effectiveKind();
    String esNamespace = DesiredSecretBuilder.namespace(es);
    for (ManifestDocument d : docs) {
      if (!kind.name().equals(d.kind()) || !ApiGroup.isSupported(d.apiVersion()) || !ref.name.equals(d.name())) continue;
      if (kind == StoreKind.SecretStore && d.namespace() != null && !d.namespace().equals(esNamespace)) continue;
      JsonNode spec = d.tree().get("spec");
      if (spec == null) throw new InputException(d.source() + ": " + kind + " \"" + ref.name + "\" has no spec");
      checkSchema(schemas, d, kind.name());
      SecretStoreSpec storeSpec = convert(d, spec, SecretStoreSpec.class, kind.name(), "spec");
      if (storeSpec.provider == null || storeSpec.provider.vault == null) {
        throw new InputException(d.source() + ": " + kind + " \"" + ref.name + "\" has no spec.provider.vault (render reads Vault stores only)");
      }
      return storeSpec.provider.vault;
    }
    String hint = file.toString().equals("-") ? "" : "; pass it with --store";
    throw new InputException(file + ": no " + kind + " \"" + ref.name + "\"" + (kind == StoreKind.SecretStore ? " in namespace " + esNamespace : "")
        + " for " + field + hint);
  }

  /**
   * The API server's schema check, as validate runs it: a document the API server would refuse is
   * bad input, named by its first field error (validate lists them all).
   */
  private static void checkSchema(CrdSchemas schemas, ManifestDocument doc, String what) {
    Optional<StructuralSchema> schema = schemas.schemaFor(doc.apiVersion(), doc.kind());
    if (schema.isEmpty()) return;
    List<SchemaFinding> errors = schema.get().validate(doc.tree()).stream().filter(SchemaFinding::isError).toList();
    if (errors.isEmpty()) return;
    String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    throw new InputException(doc.source() + ": not a valid " + what + ": " + errors.get(0) + more);
  }

  /** Binds a document (or its {@code field}) that passed the schema; Jackson's message names Java types, so only the field is said. */
  private static <T> T convert(ManifestDocument doc, JsonNode tree, Class<T> type, String what, String field) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JacksonException e) {
      throw new InputException(doc.source() + ": not a valid " + what + ": " + ParseErrors.fieldPath(e, field)
          + ": value does not fit the " + what + " API");
    }
  }

  private static List<ManifestDocument> manifests(Path file) {
    ManifestSet set = new ManifestReader(System.in).read(List.of(file.toString()));
    if (!set.problems().isEmpty()) throw new InputException(set.problems().get(0).toString());
    return set.documents();
  }

  private static StaticKvApi readVaultData(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": " + ReadFailure.reason(file, e));
    }
    try {
      return StaticKvApi.of(JsonParser.parse(text));
    } catch (JsonSyntaxException e) {
      int[] pos = e.lineAndColumn(text);
      throw new InputException(file + ":" + pos[0] + ":" + pos[1] + ": not valid JSON: " + e.reason());
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage());
    }
  }
}
