package io.secretgate.vault;

import io.secretgate.api.Find;
import io.secretgate.api.MetadataPolicy;
import io.secretgate.api.RemoteRef;
import io.secretgate.api.VaultProvider;
import io.secretgate.api.VaultProvider.KvVersion;
import io.secretgate.secrets.GoRegexp;
import io.secretgate.secrets.NoSecretException;
import io.secretgate.secrets.SecretSource;
import io.secretgate.secrets.SecretSourceException;
import io.secretgate.secrets.SecretSourceException.Reason;
import io.secretgate.secrets.json.JsonValue;
import io.secretgate.secrets.json.JsonValue.JsonNull;
import io.secretgate.secrets.json.JsonValue.JsonNumber;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ESO's Vault provider reads (eso-facts §3.2-3.7) over a {@link KvApi}, for one store:
 *
 * <ul>
 *   <li>data reads go to {@link KvPaths#dataPath}; KV v2 answers are unwrapped ({@code data.data});
 *       a 404, or a KV v2 version whose {@code data} is null (soft-deleted or destroyed), is
 *       {@link NoSecretException}; an answer without data (a 404 with only a warning) is too on
 *       KV v1, and on KV v2 it is ESO's {@code failed to find data field}; {@code remoteRef.version} is sent as {@code ?version=} on KV v2
 *       (KV v1 ignores it, so it is not sent there);
 *   <li>{@code metadataPolicy: Fetch} reads {@link KvPaths#metadataPath} and returns
 *       {@code created_time}, {@code current_version}, {@code delete_version_after} and the
 *       {@code custom_metadata} entries (custom keys win), all as strings;
 *   <li>{@code find} lists {@link KvPaths#findListPath} recursively (one LIST per folder); with
 *       {@code name.regexp} (unanchored) tags are ignored; with tags each candidate's metadata must
 *       hold every tag; matches are read like {@code remoteRef.key = <relative path>}, and ones
 *       that vanished are skipped.
 * </ul>
 */
public final class KvSecretSource implements SecretSource {
  private static final String ERR_READ = "cannot read secret data from Vault: ";
  private static final List<String> SYSTEM_METADATA = List.of("created_time", "current_version", "delete_version_after");

  private final KvApi api;
  private final VaultProvider store;

  public KvSecretSource(KvApi api, VaultProvider store) {
    this.api = api;
    this.store = store;
  }

  @Override
  public JsonObject getSecret(RemoteRef ref) throws SecretSourceException {
    if (ref.effectiveMetadataPolicy() == MetadataPolicy.Fetch) return metadata(ref.key);
    return data(ref.key, ref.version);
  }

  private boolean v2() {
    return store.effectiveVersion() == KvVersion.v2;
  }

  private JsonObject data(String key, String version) throws SecretSourceException {
    String path = path(() -> KvPaths.dataPath(store, key));
    Optional<JsonValue> answer = read(path, KvPaths.readVersion(store, version).orElse(null));
    if (answer.isEmpty()) throw new NoSecretException();
    JsonValue secret = answer.get();
    // An answer without data (a 404 with only a warning): Go reads its nil data map as empty, so on
    // KV v2 it has no data field, and on KV v1 it is ESO's "no secret"
    if (secret instanceof JsonNull && v2()) secret = new JsonObject(Map.of());
    if (secret instanceof JsonNull) throw new NoSecretException();
    if (v2()) {
      if (!(secret instanceof JsonObject wrapper)) throw new SecretSourceException(Reason.INVALID_RESPONSE, "failed to unmarshall JSON");
      if (!wrapper.has("data")) throw new SecretSourceException(Reason.INVALID_RESPONSE, "failed to find data field");
      secret = wrapper.get("data");
      if (secret instanceof JsonNull) throw new NoSecretException();
    }
    if (!(secret instanceof JsonObject obj)) throw new SecretSourceException(Reason.INVALID_RESPONSE, "failed to unmarshall JSON");
    return obj;
  }

  private JsonObject metadata(String key) throws SecretSourceException {
    if (!v2()) {
      throw new SecretSourceException(Reason.INVALID_REQUEST, "cannot perform metadata fetch operations with kv version v1");
    }
    String path = path(() -> KvPaths.metadataPath(store, key));
    Optional<JsonValue> answer = read(path, null);
    if (answer.isEmpty() || !(answer.get() instanceof JsonObject meta)) {
      throw new SecretSourceException(Reason.NOT_FOUND, "secret not found");
    }
    Map<String, JsonValue> out = new LinkedHashMap<>();
    for (String k : SYSTEM_METADATA) {
      JsonValue v = meta.get(k);
      if (v != null && !(v instanceof JsonNull)) out.put(k, new JsonString(goPrint(v)));
    }
    if (meta.get("custom_metadata") instanceof JsonObject custom) {
      custom.members().forEach((k, v) -> out.put(k, new JsonString(goPrint(v))));
    }
    return new JsonObject(out);
  }

  /** Go's {@code %v} of a decoded JSON scalar (Vault keeps metadata values as strings anyway). */
  private static String goPrint(JsonValue v) {
    if (v instanceof JsonString s) return s.value();
    if (v instanceof JsonNumber n) return n.literal();
    if (v instanceof JsonValue.JsonBool b) return Boolean.toString(b.value());
    if (v instanceof JsonNull) return "<nil>";
    return io.secretgate.secrets.json.GoJson.marshal(v);
  }

  @Override
  public Map<String, JsonObject> findSecrets(Find find) throws SecretSourceException {
    if (find.tags != null) path(() -> KvPaths.findWithTagsListPath(store, find.path));
    String searchPath = find.path != null ? find.path + "/" : "";
    List<String> candidates = listRecursively(searchPath);
    GoRegexp name = null;
    if (find.name != null) name = compileName(find.name.regexp == null ? "" : find.name.regexp);
    Map<String, JsonObject> found = new LinkedHashMap<>();
    for (String candidate : candidates) {
      boolean match = name != null ? name.matches(candidate) : tagsMatch(candidate, find.tags);
      if (!match) continue;
      try {
        found.put(candidate, data(candidate, null));
      } catch (NoSecretException vanished) {
        // ESO skips secrets that disappear (or are soft-deleted) between LIST and GET
      }
    }
    return found;
  }

  private boolean tagsMatch(String candidate, Map<String, String> tags) throws SecretSourceException {
    if (!v2()) return true; // ESO reads the v1 secret as its "metadata": no tags, so everything matches
    JsonObject meta = metadata(candidate);
    if (tags == null) return true;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!(meta.get(tag.getKey()) instanceof JsonString s) || !s.value().equals(tag.getValue())) return false;
    }
    return true;
  }

  /** ESO's {@code listSecrets}: one LIST per folder, depth first, in Vault's key order. */
  private List<String> listRecursively(String relativeDir) throws SecretSourceException {
    String listPath = path(() -> KvPaths.findListPath(store, stripTrailingSlash(relativeDir)));
    Optional<List<String>> keys;
    try {
      keys = api.list(listPath);
    } catch (KvApiException e) {
      throw new SecretSourceException(e.reason(), ERR_READ + e.getMessage());
    }
    if (keys.isEmpty()) throw new NoSecretException();
    List<String> out = new ArrayList<>();
    for (String key : keys.get()) {
      String full = relativeDir.isEmpty() ? key : relativeDir + key;
      if (key.endsWith("/")) {
        out.addAll(listRecursively(full));
      } else {
        out.add(full);
      }
    }
    return out;
  }

  private static String stripTrailingSlash(String dir) {
    return dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }

  private static GoRegexp compileName(String regexp) throws SecretSourceException {
    try {
      return GoRegexp.compile(regexp);
    } catch (GoRegexp.InvalidRegexpException e) {
      throw new SecretSourceException(Reason.INVALID_REQUEST,
          "could not compile find.name.regexp [" + regexp + "]: " + e.getMessage());
    }
  }

  private Optional<JsonValue> read(String path, String version) throws SecretSourceException {
    try {
      return api.read(path, version);
    } catch (KvApiException e) {
      throw new SecretSourceException(e.reason(), ERR_READ + e.getMessage());
    }
  }

  private interface PathSupplier {
    String get();
  }

  private static String path(PathSupplier supplier) throws SecretSourceException {
    try {
      return supplier.get();
    } catch (KvPathException e) {
      throw new SecretSourceException(Reason.INVALID_REQUEST, e.getMessage());
    }
  }
}
