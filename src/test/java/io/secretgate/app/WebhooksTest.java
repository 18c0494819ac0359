package io.secretgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.sync.SyncMetrics;
import io.secretgate.testing.FakeVault;
import io.secretgate.vault.VaultConnection;
import io.secretgate.vault.VaultFailure;
import io.secretgate.vault.policy.PolicyFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook's Vault calls are counted and timed on /metrics like the controller's. */
class WebhooksTest {
  @Test
  void the_webhooks_capabilities_calls_to_vault_are_counted_and_timed() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (FakeVault vault = new FakeVault().mountV2("secret")
        .token("s.webhook", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl"))), 3600))) {
      var gateway = Webhooks.vaultGateways(new SyncMetrics(registry))
          .apply(new VaultConnection(vault.address(), null, Optional.empty(), () -> "s.webhook", Duration.ofSeconds(2)));
      gateway.capabilitiesSelf(List.of("secret/data/apps/payments/db"));
      vault.sealed(true);
      try {
        gateway.capabilitiesSelf(List.of("secret/data/apps/payments/db"));
      } catch (VaultFailure expected) {
        // counted as unavailable below
      }
    }

    assertThat(registry.find("secretgate_vault_requests").tag("call", "CapabilitiesSelf").tag("outcome", "success").counter().count()).isEqualTo(1.0);
    assertThat(registry.find("secretgate_vault_requests").tag("call", "CapabilitiesSelf").tag("outcome", "unavailable").counter().count()).isEqualTo(1.0);
    assertThat(registry.find("secretgate_vault_request_seconds").tag("call", "CapabilitiesSelf").timers()).isNotEmpty();
    assertThat(registry.find("externalsecret_provider_api_calls_count").tag("call", "CapabilitiesSelf").gauges()).isNotEmpty();
  }
}
