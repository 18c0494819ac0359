package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** {@code ExternalSecret.spec}, ESO's v1 shape restricted to what the Vault provider uses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExternalSecretSpec {
  public SecretStoreRef secretStoreRef;

  @Default("{\"creationPolicy\":\"Owner\",\"deletionPolicy\":\"Retain\"}")
  public ExternalSecretTarget target;

  @Default("1h0m0s")
  public String refreshInterval;

  public RefreshPolicy refreshPolicy;
  public SyncWindows syncWindows;
  public List<ExternalSecretData> data;
  public List<ExternalSecretDataFrom> dataFrom;

  public ExternalSecretTarget effectiveTarget() {
    return target == null ? new ExternalSecretTarget() : target;
  }

  public String effectiveRefreshInterval() {
    return refreshInterval == null ? "1h0m0s" : refreshInterval;
  }

  public RefreshPolicy effectiveRefreshPolicy() {
    return refreshPolicy == null ? RefreshPolicy.Periodic : refreshPolicy;
  }

  public List<ExternalSecretData> dataOrEmpty() {
    return data == null ? List.of() : data;
  }

  public List<ExternalSecretDataFrom> dataFromOrEmpty() {
    return dataFrom == null ? List.of() : dataFrom;
  }
}
