package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code provider.vault.auth}. Only {@code tokenSecretRef} is supported; the other ESO methods are
 * kept (so manifests that use them are accepted) and reported as not supported yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VaultAuth {
  public String namespace;
  public SecretKeySelector tokenSecretRef;
  @PreserveUnknownFields public Map<String, Object> appRole;
  @PreserveUnknownFields public Map<String, Object> kubernetes;
  @PreserveUnknownFields public Map<String, Object> ldap;
  @PreserveUnknownFields public Map<String, Object> userPass;
  @PreserveUnknownFields public Map<String, Object> jwt;
  @PreserveUnknownFields public Map<String, Object> cert;
  @PreserveUnknownFields public Map<String, Object> iam;
  @PreserveUnknownFields public Map<String, Object> gcp;
  /** Methods of a newer ESO that this model does not know, by name: reported as not supported, not as missing. */
  @JsonIgnore private final List<String> unknownMethods = new ArrayList<>();

  @JsonAnySetter
  void unknownMethod(String name, Object value) {
    if (value != null && !unknownMethods.contains(name)) unknownMethods.add(name);
  }

  /** The auth methods present, in ESO's order of precedence (token first). */
  public List<String> methodsPresent() {
    List<String> present = new ArrayList<>();
    if (tokenSecretRef != null) present.add("tokenSecretRef");
    if (appRole != null) present.add("appRole");
    if (kubernetes != null) present.add("kubernetes");
    if (ldap != null) present.add("ldap");
    if (userPass != null) present.add("userPass");
    if (jwt != null) present.add("jwt");
    if (cert != null) present.add("cert");
    if (iam != null) present.add("iam");
    if (gcp != null) present.add("gcp");
    present.addAll(unknownMethods);
    return present;
  }
}
