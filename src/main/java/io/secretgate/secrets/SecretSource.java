package io.secretgate.secrets;

import io.secretgate.api.Find;
import io.secretgate.api.RemoteRef;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import java.util.Map;

/**
 * The provider, seen from ESO's ExternalSecret semantics: raw secret objects in, no property
 * lookup, no rendering (that is {@link DesiredSecretBuilder}'s job). One instance is bound to one
 * store (for Vault: {@code io.secretgate.vault.KvSecretSource} over a {@code KvApi}).
 */
public interface SecretSource {

  /**
   * The secret at {@code ref.key} ({@code ref.version} if set): its key/value object (KV v2
   * {@code data.data}, KV v1 {@code data}), or with {@code metadataPolicy: Fetch} its metadata map
   * (string values; may be empty). {@code property} and the strategies are not applied here.
   *
   * @throws NoSecretException when the secret does not exist (ESO's NoSecretError)
   * @throws SecretSourceException for any other failure, with ESO's message
   */
  JsonObject getSecret(RemoteRef ref) throws SecretSourceException;

  /**
   * {@code dataFrom.find}: every secret matching {@code find}, as relative path (ESO's result key,
   * {@code find.path} prefix included) → the secret's key/value object, in listing order. Secrets
   * that vanish between listing and reading are skipped, as in ESO.
   *
   * @throws NoSecretException when the listed folder does not exist
   * @throws SecretSourceException for any other failure, with ESO's message
   */
  Map<String, JsonObject> findSecrets(Find find) throws SecretSourceException;
}
