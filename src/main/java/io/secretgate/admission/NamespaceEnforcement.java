package io.secretgate.admission;

import io.secretgate.api.SecretgateKeys;
import io.secretgate.validation.StoreLookup;
import java.util.Optional;

/**
 * The enforcement that applies in a namespace: its {@code secretgate.io/enforcement} label when
 * that says {@code deny} or {@code warn}, else the global setting. Any other label value is
 * ignored, with a warning saying so.
 */
record NamespaceEnforcement(Enforcement enforcement, Optional<String> warning) {

  static NamespaceEnforcement of(StoreLookup stores, String namespace, Enforcement global) {
    Optional<String> label = stores.namespaceLabels(namespace).map(l -> l.get(SecretgateKeys.LABEL_ENFORCEMENT));
    if (label.isEmpty()) return new NamespaceEnforcement(global, Optional.empty());
    Optional<Enforcement> chosen = Enforcement.fromText(label.get());
    if (chosen.isPresent()) return new NamespaceEnforcement(chosen.get(), Optional.empty());
    return new NamespaceEnforcement(global, Optional.of("namespace \"" + namespace + "\": label " + SecretgateKeys.LABEL_ENFORCEMENT + "=\""
        + AdmissionWarnings.shorten(label.get(), 40) + "\" is neither deny nor warn; ignored, enforcement is " + global.text()));
  }
}
