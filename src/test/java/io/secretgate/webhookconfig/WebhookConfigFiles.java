package io.secretgate.webhookconfig;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** webhook-config/ as files and as fabric8 model objects. */
public final class WebhookConfigFiles {
  public static final String VALIDATING = "validating-webhook.yaml";
  public static final String MUTATING = "mutating-webhook.yaml";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private WebhookConfigFiles() {}

  public static Path dir() {
    return Path.of(System.getProperty("secretgate.basedir", System.getProperty("user.dir")), "webhook-config");
  }

  public static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ValidatingWebhookConfiguration validating(String yaml) {
    return SERIALIZATION.unmarshal(yaml, ValidatingWebhookConfiguration.class);
  }

  public static MutatingWebhookConfiguration mutating(String yaml) {
    return SERIALIZATION.unmarshal(yaml, MutatingWebhookConfiguration.class);
  }
}
