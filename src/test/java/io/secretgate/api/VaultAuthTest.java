package io.secretgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** {@link VaultAuth#methodsPresent()} as the Kubernetes client reads a store. */
class VaultAuthTest {
  static VaultAuth read(String auth) {
    String json = "{\"apiVersion\":\"external-secrets.io/v1\",\"kind\":\"ClusterSecretStore\",\"metadata\":{\"name\":\"s\"},"
        + "\"spec\":{\"provider\":{\"vault\":{\"server\":\"https://vault:8200\",\"auth\":" + auth + "}}}}";
    return new KubernetesSerialization().unmarshal(json, ClusterSecretStore.class).getSpec().provider.vault.auth;
  }

  @Test
  void a_method_of_a_newer_eso_is_named_among_the_methods_present_so_it_is_reported_as_not_supported() {
    assertThat(read("{\"futureAuth\":{\"role\":\"x\"}}").methodsPresent()).containsExactly("futureAuth");
  }

  @Test
  void known_methods_come_first_in_esos_order() {
    assertThat(read("{\"futureAuth\":{},\"kubernetes\":{\"role\":\"r\"},\"tokenSecretRef\":{\"name\":\"t\",\"key\":\"k\"}}").methodsPresent())
        .containsExactly("tokenSecretRef", "kubernetes", "futureAuth");
  }
}
