package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** {@code data[].remoteRef} and {@code dataFrom[].extract}: one Vault secret, optionally one property of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RemoteRef {
  @Required public String key;
  public String property;
  public String version;
  public MetadataPolicy metadataPolicy;
  public ConversionStrategy conversionStrategy;
  public DecodingStrategy decodingStrategy;
  public NullBytePolicy nullBytePolicy;

  public MetadataPolicy effectiveMetadataPolicy() {
    return metadataPolicy == null ? MetadataPolicy.None : metadataPolicy;
  }

  public ConversionStrategy effectiveConversionStrategy() {
    return conversionStrategy == null ? ConversionStrategy.Default : conversionStrategy;
  }

  public DecodingStrategy effectiveDecodingStrategy() {
    return decodingStrategy == null ? DecodingStrategy.None : decodingStrategy;
  }

  public NullBytePolicy effectiveNullBytePolicy() {
    return nullBytePolicy == null ? NullBytePolicy.Ignore : nullBytePolicy;
  }
}
