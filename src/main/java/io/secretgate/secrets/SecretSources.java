package io.secretgate.secrets;

import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreKind;
import java.util.Objects;

/**
 * Which {@link SecretSource} serves a store reference: the ExternalSecret's
 * {@code spec.secretStoreRef}, or an entry's {@code sourceRef.storeRef}.
 */
@FunctionalInterface
public interface SecretSources {

  /**
   * @throws SecretSourceException when the store cannot be used; the message becomes the entry's
   *     error text
   */
  SecretSource forStore(SecretStoreRef ref) throws SecretSourceException;

  /** One source for the ExternalSecret's own store; any other store reference fails. */
  static SecretSources single(SecretStoreRef own, SecretSource source) {
    return ref -> {
      if (ref != null && own != null && Objects.equals(ref.name, own.name) && ref.effectiveKind() == own.effectiveKind()) {
        return source;
      }
      StoreKind kind = ref == null ? StoreKind.SecretStore : ref.effectiveKind();
      String name = ref == null ? "" : ref.name;
      throw new SecretSourceException(SecretSourceException.Reason.INVALID_REQUEST,
          "could not get store: " + kind + " " + GoText.quote(name == null ? "" : name) + " is not available");
    };
  }
}
