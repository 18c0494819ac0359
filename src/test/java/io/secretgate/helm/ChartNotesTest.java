package io.secretgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** NOTES.txt, as `helm install` prints it (client-only dry run), tells the next three commands for the mode. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartNotesTest {
  private static String notes(String mode) {
    InstallCommand install = new Helm(ChartFiles.chart()).install()
        .withName(ChartFiles.RELEASE).withNamespace(ChartFiles.NAMESPACE).dryRun().clientOnly();
    if (ChartFiles.values(mode) != null) install = install.withValuesFile(ChartFiles.values(mode));
    String output = install.call().getOutput();
    return output.substring(output.indexOf("NOTES:"));
  }

  @Test
  void a_full_install_is_told_to_wait_add_the_token_and_apply_an_external_secret() {
    String notes = notes("default");

    assertThat(notes).contains("kubectl -n secretgate rollout status deployment/secretgate")
        .contains("kubectl -n secretgate create secret generic vault-token")
        .contains("kubectl get externalsecret -A");
  }

  @Test
  void beside_eso_it_is_told_to_check_the_existing_stores_and_try_a_server_dry_run() {
    String notes = notes("beside-eso");

    assertThat(notes).contains("rollout status deployment/secretgate")
        .contains("kubectl get clustersecretstore,secretstore -A")
        .contains("kubectl apply --dry-run=server -f externalsecret.yaml")
        .contains("CRDs were not installed")
        .doesNotContain("create secret generic vault-token");
  }

  @Test
  void with_secrets_narrowed_to_namespaces_that_leave_out_its_own_it_is_told_where_the_token_may_go() {
    String notes = notes("secret-namespaces");

    assertThat(notes).contains("rbac.secretNamespaces does not list secretgate")
        .contains("put it in one of payments, orders, vault-auth");
  }
}
