package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** {@code dataFrom[].find}: every secret under {@code path} whose name (or tags) match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Find {
  public String path;
  public FindName name;
  public Map<String, String> tags;
  public ConversionStrategy conversionStrategy;
  public DecodingStrategy decodingStrategy;
  public NullBytePolicy nullBytePolicy;

  public ConversionStrategy effectiveConversionStrategy() {
    return conversionStrategy == null ? ConversionStrategy.Default : conversionStrategy;
  }

  public DecodingStrategy effectiveDecodingStrategy() {
    return decodingStrategy == null ? DecodingStrategy.None : decodingStrategy;
  }
}
