package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.CreationPolicy;
import io.secretgate.api.DeletionPolicy;
import io.secretgate.api.ExternalSecretTarget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinalizationTest {

  @ParameterizedTest(name = "creationPolicy {0}, deletionPolicy {1}: finalizer {2}")
  @CsvSource({
      "Owner, Retain, false", "Owner, Delete, false", "Owner, Merge, false",
      "Orphan, Retain, false", "Orphan, Delete, false", "Orphan, Merge, false",
      "Merge, Retain, false", "Merge, Merge, true",
      "CreateOrMerge, Retain, false", "CreateOrMerge, Merge, true",
      "None, Retain, false"})
  void only_policies_whose_deletion_must_remove_something_we_wrote_get_the_finalizer(CreationPolicy creation, DeletionPolicy deletion, boolean wanted) {
    ExternalSecretTarget target = new ExternalSecretTarget();
    target.creationPolicy = creation;
    target.deletionPolicy = deletion;
    assertThat(Finalization.needsCleanup(target)).isEqualTo(wanted);
  }

  @org.junit.jupiter.api.Test
  void the_default_target_needs_no_finalizer() {
    assertThat(Finalization.needsCleanup(new ExternalSecretTarget())).isFalse();
  }
}
