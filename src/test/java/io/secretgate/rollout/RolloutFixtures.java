package io.secretgate.rollout;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Pod templates under src/test/resources/io/secretgate/rollout/, one route of consuming a Secret each. */
public final class RolloutFixtures {
  private RolloutFixtures() {}

  public static PodTemplateSpec template(String file) {
    try (InputStream in = RolloutFixtures.class.getResourceAsStream("/io/secretgate/rollout/" + file)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + file);
      return Serialization.unmarshal(in, PodTemplateSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
