package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code spec.provider.vault}: where Vault is and how secretgate reads from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VaultProvider {
  @Required public String server;
  public String path;

  @Default("v2")
  public KvVersion version;

  public String namespace;
  /** Base64 of a PEM bundle in the manifest ({@code format: byte}); kept as that base64 text here. */
  @SchemaFrom(type = byte[].class)
  public String caBundle;
  public CaProvider caProvider;
  @PreserveUnknownFields public Map<String, Object> tls;
  public Boolean readYourWrites;
  public Boolean forwardInconsistent;
  public Map<String, String> headers;
  @PreserveUnknownFields public Map<String, Object> checkAndSet;
  public VaultAuth auth;

  /**
   * What ESO adds to every request to this Vault: the {@code headers}, and
   * {@code X-Vault-Inconsistent: forward-active-node} when {@code forwardInconsistent} is set with
   * {@code readYourWrites}.
   */
  public Map<String, String> requestHeaders() {
    Map<String, String> out = new LinkedHashMap<>(headers == null ? Map.of() : headers);
    if (Boolean.TRUE.equals(readYourWrites) && Boolean.TRUE.equals(forwardInconsistent)) out.put("X-Vault-Inconsistent", "forward-active-node");
    return out;
  }

  /** Why a sync from a store without {@code auth.tokenSecretRef} fails, after the store's name. */
  public static final String ONLY_TOKEN_AUTH = "only auth.tokenSecretRef is supported by secretgate yet";

  /** Whether the store logs in with {@code auth.tokenSecretRef}, the one auth method secretgate supports yet (first in ESO's order). */
  public boolean usesTokenAuth() {
    return auth != null && auth.tokenSecretRef != null;
  }

  /** ESO's default key of {@code tls.certSecretRef}. */
  public static final String CLIENT_CERT_KEY = "tls.crt";
  /** ESO's default key of {@code tls.keySecretRef}. */
  public static final String CLIENT_KEY_KEY = "tls.key";

  /**
   * {@code tls.<field>} ({@code certSecretRef} or {@code keySecretRef}) as a Secret key selector,
   * its key {@code defaultKey} when not given, as in ESO; null when the ref is not set.
   */
  public SecretKeySelector tlsSecretRef(String field, String defaultKey) {
    Object ref = tls == null ? null : tls.get(field);
    if (ref == null) return null;
    Map<?, ?> fields = ref instanceof Map<?, ?> m ? m : Map.of();
    SecretKeySelector out = new SecretKeySelector();
    out.name = text(fields.get("name"));
    out.key = text(fields.get("key")) == null ? defaultKey : text(fields.get("key"));
    out.namespace = text(fields.get("namespace"));
    return out;
  }

  private static String text(Object value) {
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }

  public KvVersion effectiveVersion() {
    return version == null ? KvVersion.v2 : version;
  }

  /** KV secrets engine version. */
  public enum KvVersion {
    v1,
    v2
  }
}
