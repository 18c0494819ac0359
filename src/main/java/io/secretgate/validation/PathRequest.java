package io.secretgate.validation;

import io.secretgate.api.SecretStoreRef;

/**
 * A Vault path an ExternalSecret field will use, before the store is known to exist;
 * {@code version} is the {@code remoteRef.version} of a data read (null for none).
 */
record PathRequest(String field, String storeField, SecretStoreRef storeRef, Kind kind, String key, String version) {
  /** What the field asks of Vault. */
  enum Kind { DATA_READ, METADATA_READ, FIND_LIST, FIND_WITH_TAGS_LIST }
}
