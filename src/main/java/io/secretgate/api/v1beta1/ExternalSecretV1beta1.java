package io.secretgate.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.secretgate.api.*;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** ESO's ExternalSecret, {@code external-secrets.io/v1beta1} (read by the CLI and webhook; not served by default) (read by the CLI and webhook; not served by default). */
@Group(ApiGroup.NAME)
@Version(value = "v1beta1", storage = false, served = false, deprecated = true)
@Kind("ExternalSecret")
@Plural("externalsecrets")
@ShortNames("es")
@Categories("external-secrets")
// The CRD generator sorts printer columns by jsonPath. ".spec['refreshInterval']" (the same field in
// bracket notation) sorts after ".spec.secretStoreRef.*", so kubectl shows ESO's column order:
// STORETYPE, STORE, REFRESH INTERVAL, STATUS, READY, LAST SYNC (checked by GeneratedCrdTest).
@AdditionalPrinterColumn(name = "StoreType", jsonPath = ".spec.secretStoreRef.kind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Store", jsonPath = ".spec.secretStoreRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Refresh Interval", jsonPath = ".spec['refreshInterval']", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Sync", jsonPath = ".status.refreshTime", type = AdditionalPrinterColumn.Type.DATE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExternalSecretV1beta1 extends CustomResource<ExternalSecretSpec, ExternalSecretStatus> implements Namespaced {}
