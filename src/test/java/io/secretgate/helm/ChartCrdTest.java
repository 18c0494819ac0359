package io.secretgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRDs the chart installs are files/crds/*.yml (kept equal to the generated ones by
 * CrdCopyTest), with only v1beta1's served flag set from crds.serveV1beta1.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartCrdTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @ParameterizedTest(name = "mode {0}: v1beta1 served {1}")
  @CsvSource({"default, false", "ha, true"})
  void the_installed_crds_are_the_generated_ones_with_v1beta1_served_only_when_asked(String mode, boolean served) throws IOException {
    List<CustomResourceDefinition> rendered = ChartFiles.render(mode).all(CustomResourceDefinition.class);

    assertThat(rendered).extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("externalsecrets.external-secrets.io", "secretstores.external-secrets.io", "clustersecretstores.external-secrets.io");
    for (CustomResourceDefinition crd : rendered) {
      CustomResourceDefinition generated = SERIALIZATION.unmarshal(
          Files.readString(ChartFiles.chart().resolve("files/crds/" + crd.getMetadata().getName() + "-v1.yml")), CustomResourceDefinition.class);
      generated.getSpec().getVersions().stream().filter(v -> v.getName().equals("v1beta1")).forEach(v -> v.setServed(served));

      assertThat(crd.getSpec()).as(crd.getMetadata().getName()).isEqualTo(generated.getSpec());
      assertThat(version(crd, "v1").getServed()).isTrue();
      assertThat(version(crd, "v1").getStorage()).isTrue();
      assertThat(version(crd, "v1beta1").getServed()).isEqualTo(served);
      assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    }
  }

  @Test
  void no_crd_is_rendered_when_crds_install_is_false() {
    assertThat(ChartFiles.render("beside-eso").kinds()).doesNotContain("CustomResourceDefinition");
    assertThat(ChartFiles.render("default", Map.of("crds.install", false)).kinds()).doesNotContain("CustomResourceDefinition");
  }

  private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd, String name) {
    return crd.getSpec().getVersions().stream().filter(v -> v.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(crd.getMetadata().getName() + " has no version " + name));
  }
}
