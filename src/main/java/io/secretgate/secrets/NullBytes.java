package io.secretgate.secrets;

import io.secretgate.api.NullBytePolicy;
import java.util.Map;

/** ESO's {@code nullBytePolicy: Fail}: a fetched value holding a NUL byte fails the sync. */
final class NullBytes {
  private NullBytes() {}

  static void check(NullBytePolicy policy, String key, byte[] value) throws SyncError {
    if (policy != NullBytePolicy.Fail || value == null) return;
    for (byte b : value) {
      if (b == 0) throw SyncError.data("fetched secret value for key " + GoText.quote(key) + " contains null bytes");
    }
  }

  /** Checks keys in Go's sorted order; the first offending key is reported. */
  static void check(NullBytePolicy policy, Map<String, byte[]> values) throws SyncError {
    if (policy != NullBytePolicy.Fail) return;
    for (Map.Entry<String, byte[]> e : ByteMaps.sorted(values).entrySet()) check(policy, e.getKey(), e.getValue());
  }
}
