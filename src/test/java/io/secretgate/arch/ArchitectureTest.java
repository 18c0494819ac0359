package io.secretgate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's package rules: a pure core, thin adapters, dependencies pointing downward. */
class ArchitectureTest {
  static final String[] PURE = {
    "io.secretgate.api..", "io.secretgate.config..", "io.secretgate.vault.policy..", "io.secretgate.secrets..",
    "io.secretgate.validation..", "io.secretgate.inject..", "io.secretgate.admission..", "io.secretgate.tls..",
    "io.secretgate.manifest..", "io.secretgate.rollout..", "io.secretgate.threads.."
  };

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.secretgate");
  }

  @Test
  void pure_packages_use_no_kubernetes_client_http_client_javalin_or_picocli() {
    DescribedPredicate<JavaClass> io = new DescribedPredicate<>("an I/O framework (Kubernetes client, HTTP, Javalin, picocli, Vault driver)") {
      @Override
      public boolean test(JavaClass c) {
        String n = c.getName();
        boolean kubeClient = n.startsWith("io.fabric8.kubernetes.client.") && !n.equals("io.fabric8.kubernetes.client.CustomResource");
        return kubeClient || n.startsWith("java.net.http.") || n.startsWith("io.javalin.") || n.startsWith("picocli.")
            || n.startsWith("io.github.jopenlibs.") || n.startsWith("com.sun.net.httpserver.");
      }
    };
    noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat(io).check(classes);
  }

  @Test
  void the_policy_evaluator_depends_on_nothing_else_of_ours() {
    noClasses().that().resideInAPackage("io.secretgate.vault.policy..")
        .should().dependOnClassesThat().resideInAnyPackage("io.secretgate.api..", "io.secretgate.vault", "io.secretgate.validation..",
            "io.secretgate.secrets..", "io.secretgate.cli..", "io.fabric8..")
        .check(classes);
  }

  @Test
  void only_the_entry_point_uses_the_cli() {
    noClasses().that().resideOutsideOfPackages("io.secretgate.cli..", "io.secretgate.app..")
        .should().dependOnClassesThat().resideInAPackage("io.secretgate.cli..").check(classes);
  }

  @Test
  void the_cli_never_reaches_into_the_composition_root() {
    noClasses().that().resideInAPackage("io.secretgate.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.secretgate.app..").check(classes);
  }

  @Test
  void the_core_never_reaches_up_into_adapters() {
    noClasses().that().resideInAnyPackage("io.secretgate.api..", "io.secretgate.secrets..", "io.secretgate.validation..", "io.secretgate.vault..",
            "io.secretgate.rollout..")
        .should().dependOnClassesThat().resideInAnyPackage("io.secretgate.kube..", "io.secretgate.sync..", "io.secretgate.server..", "io.secretgate.certs..")
        .check(classes);
  }

  @Test
  void restart_planning_knows_only_the_api_keys_and_the_kubernetes_model() {
    noClasses().that().resideInAPackage("io.secretgate.rollout..")
        .should().dependOnClassesThat().resideInAnyPackage("io.secretgate.kube..", "io.secretgate.sync..", "io.secretgate.vault..",
            "io.secretgate.secrets..", "io.secretgate.validation..", "io.secretgate.config..")
        .check(classes);
  }

  @Test
  void thread_health_is_a_leaf_that_every_layer_may_use() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage("io.secretgate.threads..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.secretgate.threads..", "java..", "org.slf4j..")
        .check(classes);
  }

  @Test
  void the_environment_is_read_only_by_the_entry_point() {
    noClasses().that().resideOutsideOfPackage("io.secretgate.app..")
        .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class)
        .check(classes);
  }

  @Test
  void certificate_lifecycle_reaches_the_cluster_only_through_kube_and_certificates_only_through_tls() {
    noClasses().that().resideInAPackage("io.secretgate.certs..")
        .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.secretgate.server..", "io.secretgate.sync..",
            "io.secretgate.admission..", "io.secretgate.cli..", "io.secretgate.app..", "org.bouncycastle..")
        .check(classes);
    noClasses().that().resideInAnyPackage("io.secretgate.tls..", "io.secretgate.kube..", "io.secretgate.server..")
        .should().dependOnClassesThat().resideInAPackage("io.secretgate.certs..").check(classes);
  }
}
