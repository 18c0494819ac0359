package io.secretgate.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.secretgate.testing.PatientMockClient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every test class on the fabric8 mock API server uses the client that waits out the server's stalls (README, "Running the tests"). */
class MockServerTestsTest {

  @Test
  void every_test_class_on_the_mock_api_server_uses_the_patient_client() throws IOException {
    List<Class<?>> onMockServer = testClasses().stream().filter(c -> c.isAnnotationPresent(EnableKubernetesMockClient.class)).toList();

    assertThat(onMockServer).as("test classes annotated @EnableKubernetesMockClient").hasSizeGreaterThan(20);
    assertThat(onMockServer).allSatisfy(c -> assertThat(c.getAnnotation(EnableKubernetesMockClient.class).kubernetesClientBuilderCustomizer())
        .as("%s: kubernetesClientBuilderCustomizer", c.getSimpleName()).isEqualTo(PatientMockClient.class));
  }

  /** The compiled test classes (top-level ones), loaded without being initialised. */
  static List<Class<?>> testClasses() throws IOException {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(f -> root.relativize(f).toString())
          .filter(f -> f.endsWith(".class") && !f.contains("$"))
          .<Class<?>>map(f -> load(f.substring(0, f.length() - ".class".length()).replace(java.io.File.separatorChar, '.')))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, MockServerTestsTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where this test's own class was loaded from: the compiled tests. */
  private static Path root() {
    try {
      return Path.of(MockServerTestsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
