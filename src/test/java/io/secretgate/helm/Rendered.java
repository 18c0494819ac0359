package io.secretgate.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.Container;
import java.util.List;
import java.util.Optional;

/** What {@code helm template} produced, as model objects. */
record Rendered(List<HasMetadata> objects) {
  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() > 1) throw new AssertionError("expected at most one " + type.getSimpleName() + ", got " + found.size());
    return found.stream().findFirst();
  }

  List<String> kinds() {
    return objects.stream().map(HasMetadata::getKind).toList();
  }

  Deployment deployment() {
    return one(Deployment.class).orElseThrow(() -> new AssertionError("no Deployment rendered"));
  }

  Container container() {
    return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
