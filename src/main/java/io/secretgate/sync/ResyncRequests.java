package io.secretgate.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ExternalSecrets asked to sync again for a reason outside themselves (their store's token changed):
 * the reconciler takes the request on the key's next run and syncs even when no refresh is due. A
 * requested sync that fails is asked for again, so the key's retries (with backoff) keep syncing
 * until one succeeds.
 */
public final class ResyncRequests {
  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  public void request(String key) {
    keys.add(key);
  }

  /** True (once) when a resync of {@code key} was asked for. */
  public boolean take(String key) {
    return keys.remove(key);
  }
}
