package io.secretgate.secrets;

import io.secretgate.api.ConversionStrategy;
import io.secretgate.api.DecodingStrategy;
import io.secretgate.api.DeletionPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretData;
import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.Find;
import io.secretgate.api.MetadataPolicy;
import io.secretgate.api.NullBytePolicy;
import io.secretgate.api.RemoteRef;
import io.secretgate.api.Rewrite;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreSourceRef;
import io.secretgate.secrets.json.GoJson;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ESO's {@code getProviderSecretData}: {@code dataFrom} entries in order (later keys win), then
 * {@code data} entries (overriding dataFrom keys). A missing secret is skipped with a Normal event
 * when {@code deletionPolicy} is Delete or Merge, and is an error under Retain.
 */
final class ProviderData {
  private final ExternalSecret es;
  private final SecretSources sources;
  private final TemplateEngine engine;
  private final boolean skipMissing;
  private final List<SyncEvent> events = new ArrayList<>();

  ProviderData(ExternalSecret es, SecretSources sources, TemplateEngine engine) {
    this.es = es;
    this.sources = sources;
    this.engine = engine;
    this.skipMissing = es.getSpec().effectiveTarget().effectiveDeletionPolicy() != DeletionPolicy.Retain;
  }

  List<SyncEvent> events() {
    return events;
  }

  TreeMap<String, byte[]> read() throws SyncError {
    TreeMap<String, byte[]> providerData = ByteMaps.sorted();
    List<ExternalSecretDataFrom> dataFrom = es.getSpec().dataFromOrEmpty();
    for (int i = 0; i < dataFrom.size(); i++) {
      try {
        providerData.putAll(dataFromEntry(i, dataFrom.get(i)));
      } catch (SyncError e) {
        if (!(e.isNoSecret() && skipMissing)) throw e;
        events.add(SyncEvent.normal(EsoText.EVENT_MISSING_PROVIDER_SECRET, EsoText.missingDataFrom(i)));
      }
    }
    List<ExternalSecretData> data = es.getSpec().dataOrEmpty();
    for (int i = 0; i < data.size(); i++) {
      ExternalSecretData entry = data.get(i);
      String key = entry.remoteRef == null ? "" : entry.remoteRef.key;
      try {
        providerData.put(entry.secretKey, dataEntry(entry));
      } catch (SyncError e) {
        if (e.isNoSecret() && skipMissing) {
          events.add(SyncEvent.normal(EsoText.EVENT_MISSING_PROVIDER_SECRET, EsoText.missingData(i, key)));
          continue;
        }
        throw e.wrap(EsoText.dataEntry(i, key));
      }
    }
    return providerData;
  }

  private Map<String, byte[]> dataFromEntry(int i, ExternalSecretDataFrom entry) throws SyncError {
    if (entry.find != null) {
      try {
        return find(entry);
      } catch (SyncError e) {
        throw e.wrap(EsoText.dataFromEntry(i, "find"));
      }
    }
    if (entry.extract != null) {
      try {
        return extract(entry);
      } catch (SyncError e) {
        throw e.wrap(EsoText.dataFromEntry(i, "extract"));
      }
    }
    if (entry.sourceRef != null && entry.sourceRef.generatorRef != null) {
      throw SyncError.unsupported("generators").wrap(EsoText.dataFromEntry(i, "sourceRef.generatorRef"));
    }
    return Map.of();
  }

  /** One {@code data[]} entry: GetSecret, decode, null-byte check. */
  private byte[] dataEntry(ExternalSecretData entry) throws SyncError {
    if (entry.sourceRef != null && entry.sourceRef.generatorRef != null) throw SyncError.unsupported("data[].sourceRef.generatorRef");
    RemoteRef ref = entry.remoteRef;
    if (ref == null || entry.secretKey == null) throw SyncError.data("secretKey and remoteRef are required");
    byte[] value = getSecret(source(entry.sourceRef), ref);
    DecodingStrategy decoding = ref.effectiveDecodingStrategy();
    try {
      value = Decoding.decode(decoding, value);
    } catch (GoBase64.CorruptInputException e) {
      throw SyncError.data(e.getMessage()).wrap(String.format(EsoText.ERR_DECODE, decoding));
    }
    NullBytes.check(ref.effectiveNullBytePolicy(), entry.secretKey, value);
    return value;
  }

  /** ESO's {@code GetSecret}: read, then the property (or the whole secret as JSON). */
  private byte[] getSecret(SecretSource source, RemoteRef ref) throws SyncError {
    JsonObject secret;
    try {
      secret = source.getSecret(ref);
    } catch (SecretSourceException e) {
      throw SyncError.from(e);
    }
    if (ref.effectiveMetadataPolicy() == MetadataPolicy.Fetch && secret.members().isEmpty()) return new byte[0];
    return SecretValues.getSecretValue(secret, ref.property);
  }

  private Map<String, byte[]> extract(ExternalSecretDataFrom entry) throws SyncError {
    RemoteRef ref = entry.extract;
    byte[] json = getSecret(source(entry.sourceRef), ref);
    Map<String, byte[]> map = SecretValues.extract(json);
    return keysAndValues(map, entry.rewrite, ref.effectiveConversionStrategy(), ref.effectiveDecodingStrategy(),
        ref.effectiveNullBytePolicy());
  }

  private Map<String, byte[]> find(ExternalSecretDataFrom entry) throws SyncError {
    Find find = entry.find;
    Map<String, JsonObject> found;
    try {
      found = source(entry.sourceRef).findSecrets(find);
    } catch (SecretSourceException e) {
      throw SyncError.from(e).wrap(EsoText.ERR_GET_ALL_SECRETS);
    }
    TreeMap<String, byte[]> map = ByteMaps.sorted();
    found.forEach((name, secret) -> map.put(name, SecretValues.utf8(GoJson.marshal(secret))));
    NullBytePolicy nullBytes = find.nullBytePolicy == null ? NullBytePolicy.Ignore : find.nullBytePolicy;
    return keysAndValues(map, entry.rewrite, find.effectiveConversionStrategy(), find.effectiveDecodingStrategy(), nullBytes);
  }

  /** Rewrite or convert keys, validate them, decode values, check null bytes (ESO's order). */
  private Map<String, byte[]> keysAndValues(Map<String, byte[]> map, List<Rewrite> rewrite, ConversionStrategy conversion,
      DecodingStrategy decoding, NullBytePolicy nullBytes) throws SyncError {
    if (rewrite != null && !rewrite.isEmpty()) {
      try {
        map = Rewrites.apply(rewrite, map, engine);
      } catch (SyncError e) {
        throw e.wrap(EsoText.ERR_REWRITE);
      }
    } else {
      try {
        map = KeyConversion.convertKeys(conversion, map);
      } catch (SyncError e) {
        throw e.wrap(String.format(EsoText.ERR_CONVERT, conversion));
      }
    }
    try {
      map = KeyValidation.validate(map);
    } catch (SyncError e) {
      throw e.wrap(EsoText.ERR_INVALID_KEYS);
    }
    try {
      map = Decoding.decodeMap(decoding, map);
    } catch (SyncError e) {
      throw e.wrap(String.format(EsoText.ERR_DECODE, decoding));
    }
    NullBytes.check(nullBytes, map);
    return map;
  }

  private SecretSource source(StoreSourceRef sourceRef) throws SyncError {
    SecretStoreRef ref = sourceRef != null && sourceRef.storeRef != null ? sourceRef.storeRef : es.getSpec().secretStoreRef;
    try {
      return sources.forStore(ref);
    } catch (SecretSourceException e) {
      throw SyncError.from(e);
    }
  }
}
