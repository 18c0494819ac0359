package io.secretgate.sync;

import io.secretgate.vault.Health;
import io.secretgate.vault.TokenInfo;
import io.secretgate.vault.VaultFailure;
import io.secretgate.vault.VaultGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Counts and times every Vault call (ESO's provider metric and ours) around a gateway. */
public final class MeteredGateway implements VaultGateway {
  private final VaultGateway delegate;
  private final SyncMetrics metrics;

  public MeteredGateway(VaultGateway delegate, SyncMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  private interface Call<T> {
    T run() throws VaultFailure;
  }

  private <T> T timed(String name, Call<T> call) throws VaultFailure {
    long start = System.nanoTime();
    try {
      T answer = call.run();
      boolean missing = answer instanceof Optional<?> o && o.isEmpty();
      metrics.vaultCall(name, missing ? VaultOutcome.NOT_FOUND : VaultOutcome.SUCCESS, Duration.ofNanos(System.nanoTime() - start));
      return answer;
    } catch (VaultFailure f) {
      metrics.vaultCall(name, outcome(f), Duration.ofNanos(System.nanoTime() - start));
      throw f;
    }
  }

  static VaultOutcome outcome(VaultFailure f) {
    return switch (f.kind()) {
      case NOT_FOUND -> VaultOutcome.NOT_FOUND;
      case PERMISSION_DENIED -> VaultOutcome.PERMISSION_DENIED;
      case RATE_LIMITED -> VaultOutcome.RATE_LIMITED;
      case SEALED, UNAVAILABLE -> VaultOutcome.UNAVAILABLE;
      case BAD_RESPONSE -> VaultOutcome.ERROR;
    };
  }

  @Override
  public Optional<String> read(String apiPath, String version) throws VaultFailure {
    return timed(SyncMetrics.READ_SECRET_DATA, () -> delegate.read(apiPath, version));
  }

  @Override
  public Optional<List<String>> list(String apiPathWithTrailingSlash) throws VaultFailure {
    return timed(SyncMetrics.LIST_SECRETS, () -> delegate.list(apiPathWithTrailingSlash));
  }

  @Override
  public Map<String, List<String>> capabilitiesSelf(List<String> paths) throws VaultFailure {
    return timed(SyncMetrics.CAPABILITIES_SELF, () -> delegate.capabilitiesSelf(paths));
  }

  @Override
  public TokenInfo lookupSelf() throws VaultFailure {
    return timed(SyncMetrics.LOOKUP_SELF, delegate::lookupSelf);
  }

  @Override
  public Health health() throws VaultFailure {
    return timed(SyncMetrics.HEALTH, delegate::health);
  }
}
