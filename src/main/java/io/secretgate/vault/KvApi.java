package io.secretgate.vault;

import io.secretgate.secrets.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The two Vault KV calls ESO's Vault provider makes, at the level of Vault's HTTP API: paths are
 * API paths without {@code /v1/} ({@code secret/data/app}, {@code secret/metadata/app}), already
 * mapped by {@link KvPaths}. Implementations: a real Vault client (the sync controller), a file
 * ({@link StaticKvApi}, for {@code secretgate render}), fakes in tests.
 */
public interface KvApi {

  /**
   * {@code GET /v1/<apiPath>[?version=<version>]}: the top-level {@code data} field of Vault's
   * answer (for KV v2 data reads {@code {"data": {...}, "metadata": {...}}}; for metadata reads
   * the metadata object; for KV v1 the secret itself), or empty for a 404 without data. A 404
   * that carries data (a soft-deleted KV v2 version) is returned like a 200, and one that carries
   * only warnings (a path that is no KV v2 API path on a KV v2 mount) as {@code JsonNull}.
   *
   * @param version the {@code ?version=} parameter, or null for none
   */
  Optional<JsonValue> read(String apiPath, String version) throws KvApiException;

  /** {@link #read(String, String)} without a version. */
  default Optional<JsonValue> read(String apiPath) throws KvApiException {
    return read(apiPath, null);
  }

  /**
   * {@code LIST /v1/<apiPathWithTrailingSlash>}: the {@code keys} of Vault's answer (sub-folders
   * end with {@code /}), or empty for a 404.
   */
  Optional<List<String>> list(String apiPathWithTrailingSlash) throws KvApiException;
}
