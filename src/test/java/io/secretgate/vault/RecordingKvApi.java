package io.secretgate.vault;

import io.secretgate.secrets.SecretSourceException;
import io.secretgate.secrets.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link KvApi} over a {@link StaticKvApi} that records every call and can fail chosen paths. */
final class RecordingKvApi implements KvApi {
  final List<String> calls = new ArrayList<>();
  private final KvApi delegate;
  private final Map<String, KvApiException> failures = new HashMap<>();

  RecordingKvApi(KvApi delegate) {
    this.delegate = delegate;
  }

  RecordingKvApi failing(String path, SecretSourceException.Reason reason, String message) {
    failures.put(path, new KvApiException(reason, message));
    return this;
  }

  @Override
  public Optional<JsonValue> read(String apiPath, String version) throws KvApiException {
    calls.add("GET " + apiPath + (version == null ? "" : "?version=" + version));
    if (failures.containsKey(apiPath)) throw failures.get(apiPath);
    return delegate.read(apiPath, version);
  }

  @Override
  public Optional<List<String>> list(String apiPathWithTrailingSlash) throws KvApiException {
    calls.add("LIST " + apiPathWithTrailingSlash);
    if (failures.containsKey(apiPathWithTrailingSlash)) throw failures.get(apiPathWithTrailingSlash);
    return delegate.list(apiPathWithTrailingSlash);
  }
}
