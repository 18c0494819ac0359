package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.INVALID_SPEC;

import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretSpec;
import io.secretgate.api.VaultProvider;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.validation.schema.SchemaFinding;
import io.secretgate.vault.KvPathException;
import io.secretgate.vault.KvPaths;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The one decision on an ExternalSecret, shared by the CLI, the webhook and the controller: is it
 * well formed (ESO's schema and ESO's webhook rules), does its store exist and may this namespace
 * use it, which Vault paths will it use, and may the store's token use them.
 */
public final class ExternalSecretCheck {
  private final CrdSchemas schemas;
  private final StoreLookup stores;
  private final PolicyOracle policies;

  public ExternalSecretCheck(CrdSchemas schemas, StoreLookup stores, PolicyOracle policies) {
    this.schemas = schemas;
    this.stores = stores;
    this.policies = policies;
  }

  /** The verdict on {@code object}; {@code defaultNamespace} applies when it names none. */
  public Verdict check(JsonNode object, String defaultNamespace) {
    return check(object, null, defaultNamespace);
  }

  /**
   * As {@link #check(JsonNode, String)}, for an object the caller has already bound to the model with
   * {@link Binding#tryBind}: {@code bound} is used instead of binding {@code object} a second time.
   */
  public Verdict check(JsonNode object, ExternalSecret bound, String defaultNamespace) {
    List<Violation> violations = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    List<VaultPathUse> paths = new ArrayList<>();
    Optional<ExternalSecret> es = wellFormed(object, bound, violations, warnings);
    if (es.isPresent()) {
      String ns = es.get().getMetadata() != null && es.get().getMetadata().getNamespace() != null
          ? es.get().getMetadata().getNamespace() : defaultNamespace;
      checkStoresAndPaths(es.get().getSpec(), ns, violations, warnings, paths);
    }
    return new Verdict(violations, new ArrayList<>(warnings), paths);
  }

  private Optional<ExternalSecret> wellFormed(JsonNode object, ExternalSecret bound, List<Violation> violations, Set<String> warnings) {
    SchemaGate.check(schemas, object, violations, warnings);
    if (!violations.isEmpty()) return Optional.empty();
    Optional<ExternalSecret> es = bound != null ? Optional.of(bound) : Binding.bind(object, ExternalSecret.class, violations);
    if (es.isEmpty()) return es;
    ExternalSecretSpec spec = es.get().getSpec();
    ExternalSecretRules.check(spec, violations);
    if (spec != null) {
      RegexpRules.check(spec, violations);
      TemplateRules.check(spec, violations);
      List<String> w = new ArrayList<>();
      UnsupportedFeatures.check(spec, violations, w);
      warnings.addAll(w);
    }
    return spec == null ? Optional.empty() : es;
  }

  private void checkStoresAndPaths(ExternalSecretSpec spec, String namespace, List<Violation> violations, Set<String> warnings, List<VaultPathUse> paths) {
    StoreResolution resolution = new StoreResolution(stores, namespace, violations, warnings);
    List<Map.Entry<Store, VaultPathUse>> uses = new ArrayList<>();
    for (PathRequest req : PathRequests.of(spec)) {
      Optional<Store> store = resolution.resolve(req.storeField(), req.storeRef());
      if (store.isEmpty() || store.get().spec().provider == null || store.get().spec().provider.vault == null) continue;
      Optional<VaultPathUse> use = resolve(req, store.get(), violations, warnings);
      use.ifPresent(u -> {
        paths.add(u);
        uses.add(new SimpleEntry<>(store.get(), u));
      });
    }
    PolicyCheck.check(PolicyCheck.group(uses), namespace, policies, violations, warnings);
  }

  private static Optional<VaultPathUse> resolve(PathRequest req, Store store, List<Violation> violations, Set<String> warnings) {
    VaultProvider vault = store.spec().provider.vault;
    try {
      switch (req.kind()) {
        case DATA_READ:
          Set<String> parameters = KvPaths.readVersion(vault, req.version()).isPresent() ? Set.of("version") : Set.of();
          return Optional.of(new VaultPathUse(req.field(), KvPaths.dataPath(vault, req.key()), "read", parameters));
        case METADATA_READ:
          return Optional.of(new VaultPathUse(req.field(), KvPaths.metadataPath(vault, req.key()), "read"));
        default:
          String dir = req.kind() == PathRequest.Kind.FIND_WITH_TAGS_LIST
              ? KvPaths.findWithTagsListPath(vault, req.key()) : KvPaths.findListPath(vault, req.key());
          warnings.add(req.field() + ": find reads every matching secret under the listed path; those reads are checked at sync time, not here");
          return Optional.of(new VaultPathUse(req.field(), dir, "list"));
      }
    } catch (KvPathException e) {
      violations.add(new Violation(req.field(), INVALID_SPEC, findWithoutMount(req, store).orElse(e.getMessage())));
      return Optional.empty();
    }
  }

  /**
   * Why a find cannot run when its store names no mount ({@code provider.vault.path}), naming the
   * store ({@link KvPaths#findWithoutMount}); the controller's message says "it".
   */
  private static Optional<String> findWithoutMount(PathRequest req, Store store) {
    boolean find = req.kind() == PathRequest.Kind.FIND_LIST || req.kind() == PathRequest.Kind.FIND_WITH_TAGS_LIST;
    if (!find || store.spec().provider.vault.path != null) return Optional.empty();
    boolean tagsOnV1 = req.kind() == PathRequest.Kind.FIND_WITH_TAGS_LIST && store.spec().provider.vault.effectiveVersion() == VaultProvider.KvVersion.v1;
    if (tagsOnV1) return Optional.empty(); // refused for its tags first, as ESO does
    return Optional.of(KvPaths.findWithoutMount(store.spec().provider.vault, store.displayName()));
  }

  /** Runs the CRD structural schema over the raw object. */
  static final class SchemaGate {
    private SchemaGate() {}

    static void check(CrdSchemas schemas, JsonNode object, List<Violation> violations, Set<String> warnings) {
      String apiVersion = object.path("apiVersion").asString("");
      String kind = object.path("kind").asString("");
      var schema = schemas.schemaFor(apiVersion, kind);
      if (schema.isEmpty()) {
        violations.add(new Violation("apiVersion", INVALID_SPEC, "no schema for " + apiVersion + " " + kind));
        return;
      }
      for (SchemaFinding f : schema.get().validate(object)) {
        if (f.severity() == SchemaFinding.Severity.ERROR) violations.add(new Violation(f.field(), INVALID_SPEC, f.message()));
        else warnings.add(f.field() + ": " + f.message());
      }
    }
  }
}
