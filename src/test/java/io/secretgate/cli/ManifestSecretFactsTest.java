package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.inject.KnownSecrets;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** review's injector facts from manifests: what the webhook's informers would hold, no more. */
class ManifestSecretFactsTest {
  static KnownSecrets facts() throws IOException {
    Path file = Path.of("src/test/resources/io/secretgate/cli/review/inject-facts.yaml");
    ManifestSet set = ManifestReader.parse(file.toString(), Files.readString(file));
    assertThat(set.problems()).isEmpty();
    return ManifestSecretFacts.from(set, "apps");
  }

  @Test
  void external_secrets_of_both_versions_target_their_target_name_or_their_own_name_in_their_namespace() throws IOException {
    KnownSecrets facts = facts();
    assertThat(facts.externalSecretsTargeting("apps", "legacy-db")).containsExactly("old-version");
    assertThat(facts.externalSecretsTargeting("orders", "no-target")).containsExactly("no-target");
    assertThat(facts.externalSecretsTargeting("apps", "no-target")).isEmpty();
    assertThat(facts.externalSecretsTargeting("orders", "someone-elses")).as("not the external-secrets.io group").isEmpty();
  }

  @Test
  void only_secrets_labelled_managed_true_are_known_as_the_webhook_caches_no_others() throws IOException {
    KnownSecrets facts = facts();
    assertThat(facts.managedSecretExists("apps", "synced")).isTrue();
    assertThat(facts.managedSecretExists("orders", "hand-made")).isFalse();
    assertThat(facts.managedSecretExists("orders", "not-really")).isFalse();
  }
}
