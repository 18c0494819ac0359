package io.secretgate.webhookconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code certs generate --webhook-config} fills the copies shipped in the jar; they must be webhook-config/'s bytes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookConfigCopyTest {
  private static final String RESOURCES = "src/main/resources/io/secretgate/cli/webhook-config";
  private static final String REFRESH = "refresh the copy: cp webhook-config/*.yaml " + RESOURCES + "/";

  @ParameterizedTest
  @ValueSource(strings = {WebhookConfigFiles.VALIDATING, WebhookConfigFiles.MUTATING})
  void the_jars_copy_is_byte_for_byte_webhook_config(String file) throws IOException {
    byte[] shipped;
    try (InputStream in = getClass().getResourceAsStream("/io/secretgate/cli/webhook-config/" + file)) {
      assertThat(in).as("the jar holds io/secretgate/cli/webhook-config/" + file + "; " + REFRESH).isNotNull();
      shipped = in.readAllBytes();
    }
    assertThat(shipped).as("io/secretgate/cli/webhook-config/" + file + " differs from webhook-config/" + file + "; " + REFRESH)
        .isEqualTo(Files.readAllBytes(WebhookConfigFiles.dir().resolve(file)));
  }

  @Test
  void webhook_config_holds_no_manifest_the_jar_does_not_ship() throws IOException {
    try (Stream<Path> files = Files.list(WebhookConfigFiles.dir())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList())
          .as("webhook-config/*.yaml; " + REFRESH)
          .containsExactly(WebhookConfigFiles.MUTATING, WebhookConfigFiles.VALIDATING);
    }
  }
}
