package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** ESO's namespaced SecretStore, {@code external-secrets.io/v1}. */
@Group(ApiGroup.NAME)
@Version(value = "v1", storage = true, served = true)
@Kind("SecretStore")
@Plural("secretstores")
@ShortNames("ss")
@Categories("external-secrets")
// The CRD generator sorts printer columns by jsonPath; the bracket spellings of the same fields make
// that order ESO's: AGE, STATUS, CAPABILITIES, READY (checked by GeneratedCrdTest).
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Capabilities", jsonPath = ".status['capabilities']", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status['conditions'][?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretStore extends CustomResource<SecretStoreSpec, SecretStoreStatus> implements Namespaced {}
