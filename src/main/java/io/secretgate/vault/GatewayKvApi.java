package io.secretgate.vault;

import io.secretgate.secrets.SecretSourceException.Reason;
import io.secretgate.secrets.json.JsonParser;
import io.secretgate.secrets.json.JsonSyntaxException;
import io.secretgate.secrets.json.JsonValue;
import java.util.List;
import java.util.Optional;

/** The KV calls of ESO's provider ({@link KvApi}) on a live Vault through a {@link VaultGateway}. */
public final class GatewayKvApi implements KvApi {
  private final VaultGateway gateway;

  public GatewayKvApi(VaultGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public Optional<JsonValue> read(String apiPath, String version) throws KvApiException {
    try {
      Optional<String> raw = gateway.read(apiPath, version);
      return raw.isEmpty() ? Optional.empty() : Optional.of(JsonParser.parse(raw.get()));
    } catch (VaultFailure f) {
      throw translate(f);
    } catch (JsonSyntaxException e) {
      throw new KvApiException(Reason.INVALID_RESPONSE, "the answer for " + apiPath + " is not JSON");
    }
  }

  @Override
  public Optional<List<String>> list(String apiPathWithTrailingSlash) throws KvApiException {
    try {
      return gateway.list(apiPathWithTrailingSlash);
    } catch (VaultFailure f) {
      throw translate(f);
    }
  }

  /** The one place where a Vault failure becomes a source failure of ESO's provider. */
  static KvApiException translate(VaultFailure f) {
    Reason reason = switch (f.kind()) {
      case NOT_FOUND -> Reason.NOT_FOUND;
      case PERMISSION_DENIED -> Reason.PERMISSION_DENIED;
      case SEALED, UNAVAILABLE, RATE_LIMITED -> Reason.UNAVAILABLE;
      case BAD_RESPONSE -> Reason.INVALID_RESPONSE;
    };
    // The failure as Vault gave it; KvSecretSource puts ESO's "cannot read secret data from Vault: " before it.
    return new KvApiException(reason, f.getMessage(),
        f.kind() == VaultFailure.Kind.RATE_LIMITED, f.retryAfter());
  }
}
