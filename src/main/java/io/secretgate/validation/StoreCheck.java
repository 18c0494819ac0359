package io.secretgate.validation;

import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.StoreKind;
import io.secretgate.validation.schema.CrdSchemas;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The verdict on a SecretStore or ClusterSecretStore document, and its typed form whenever it
 * binds (an invalid store still exists for the ExternalSecrets that use it; it is reported itself).
 */
public final class StoreCheck {
  private final CrdSchemas schemas;

  public StoreCheck(CrdSchemas schemas) {
    this.schemas = schemas;
  }

  /** The result of checking one store document. */
  public record Result(Verdict verdict, Optional<Store> store) {}

  public Result check(JsonNode object, String defaultNamespace) {
    List<Violation> violations = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    ExternalSecretCheck.SchemaGate.check(schemas, object, violations, warnings);
    Optional<Store> store = Optional.empty();
    if (violations.isEmpty()) {
      StoreKind kind = StoreKind.valueOf(object.path("kind").asString());
      Optional<TypedStore> typed = Binding.bind(object, TypedStore.class, violations);
      if (typed.isPresent() && typed.get().spec != null) {
        String ns = kind == StoreKind.ClusterSecretStore ? null : namespaceOf(typed.get(), defaultNamespace);
        StoreRules.check(kind, ns, typed.get().spec, violations, warnings);
        if (typed.get().metadata.name != null) store = Optional.of(new Store(kind, typed.get().metadata.name, ns, typed.get().spec));
      }
    }
    return new Result(new Verdict(violations, new ArrayList<>(warnings), List.of()), store);
  }

  private static String namespaceOf(TypedStore s, String defaultNamespace) {
    return s.metadata != null && s.metadata.namespace != null ? s.metadata.namespace : defaultNamespace;
  }

  /** Either store kind, bound loosely: only metadata and spec matter here. */
  static final class TypedStore {
    public Meta metadata = new Meta();
    public SecretStoreSpec spec;
  }

  /** The metadata fields a store check needs. */
  static final class Meta {
    public String name;
    public String namespace;
  }
}
