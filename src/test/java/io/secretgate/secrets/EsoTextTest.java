package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Ready condition's reasons and messages are ESO's, word for word (eso-facts.md §1.4): alerts,
 * dashboards and runbooks written for ESO match on them, and most tests read them through these
 * constants, so only this test fails when one of them changes.
 */
class EsoTextTest {

  @Test
  void the_ready_reasons_are_esos() {
    assertThat(List.of(EsoText.REASON_SYNCED, EsoText.REASON_SYNCED_ERROR, EsoText.REASON_DELETED, EsoText.REASON_MISSING))
        .containsExactly("SecretSynced", "SecretSyncedError", "SecretDeleted", "SecretMissing");
  }

  @Test
  void the_ready_messages_are_esos_fixed_texts() {
    assertThat(List.of(EsoText.MSG_SYNCED, EsoText.MSG_SYNCED_RETAIN, EsoText.MSG_DELETED, EsoText.MSG_MISSING))
        .containsExactly("secret synced", "secret retained due to DeletionPolicy=Retain",
            "secret deleted due to DeletionPolicy=Delete", "secret will not be created due to CreationPolicy=Merge");
    assertThat(List.of(EsoText.MSG_ERROR_GET_SECRET_DATA, EsoText.MSG_ERROR_UPDATE_SECRET, EsoText.MSG_ERROR_UPDATE_IMMUTABLE,
        EsoText.MSG_ERROR_DELETE_SECRET, EsoText.MSG_ERROR_DELETE_ORPHANED, EsoText.MSG_ERROR_BECOME_OWNER, EsoText.MSG_ERROR_IS_OWNED))
        .containsExactly("could not get secret data from provider", "could not update secret",
            "could not update secret, target is immutable", "could not delete secret", "could not delete orphaned secrets",
            "failed to take ownership of target secret", "target is owned by another ExternalSecret");
  }

  @Test
  void a_sync_failure_is_a_warning_event_with_esos_reason() {
    assertThat(EsoText.EVENT_UPDATE_FAILED).isEqualTo("UpdateFailed");
  }
}
