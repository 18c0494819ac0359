package io.secretgate.validation;

import io.secretgate.api.SecretStoreRef;

/** A Vault path an ExternalSecret field will use, before the store is known to exist. */
record PathRequest(String field, String storeField, SecretStoreRef storeRef, Kind kind, String key) {
  /** What the field asks of Vault. */
  enum Kind { DATA_READ, METADATA_READ, FIND_LIST, FIND_WITH_TAGS_LIST }
}
