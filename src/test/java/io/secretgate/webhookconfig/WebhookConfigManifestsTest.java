package io.secretgate.webhookconfig;

import static io.secretgate.webhookconfig.WebhookConfigFiles.MUTATING;
import static io.secretgate.webhookconfig.WebhookConfigFiles.VALIDATING;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * webhook-config/: what kube-apiserver needs and what keeps the cluster safe. Each test fails when
 * someone drops or changes a field that matters (webhook-facts.md §1.5, §1.8).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookConfigManifestsTest {
  static final String INJECT_CONDITION = "has(object.metadata.annotations) && 'secretgate.io/inject-env-from' in object.metadata.annotations";
  private static final YAMLMapper YAML = new YAMLMapper();

  private final String validatingText = WebhookConfigFiles.text(WebhookConfigFiles.dir().resolve(VALIDATING));
  private final String mutatingText = WebhookConfigFiles.text(WebhookConfigFiles.dir().resolve(MUTATING));
  private final ValidatingWebhookConfiguration validating = WebhookConfigFiles.validating(validatingText);
  private final MutatingWebhookConfiguration mutating = WebhookConfigFiles.mutating(mutatingText);

  @ParameterizedTest(name = "{0} sets {1} on every webhook")
  @CsvSource({
      VALIDATING + ", sideEffects", VALIDATING + ", admissionReviewVersions", VALIDATING + ", timeoutSeconds",
      VALIDATING + ", failurePolicy", VALIDATING + ", matchPolicy", VALIDATING + ", namespaceSelector",
      VALIDATING + ", rules", VALIDATING + ", clientConfig",
      MUTATING + ", sideEffects", MUTATING + ", admissionReviewVersions", MUTATING + ", timeoutSeconds",
      MUTATING + ", failurePolicy", MUTATING + ", matchPolicy", MUTATING + ", namespaceSelector", MUTATING + ", objectSelector",
      MUTATING + ", matchConditions", MUTATING + ", reinvocationPolicy", MUTATING + ", rules", MUTATING + ", clientConfig",
  })
  void every_webhook_sets_the_fields_we_never_leave_to_defaults(String file, String field) {
    JsonNode root = YAML.readTree(WebhookConfigFiles.text(WebhookConfigFiles.dir().resolve(file)));
    assertThat(root.path("webhooks").isArray() && !root.path("webhooks").isEmpty()).as(file + " has webhooks").isTrue();
    for (JsonNode webhook : root.path("webhooks")) {
      assertThat(webhook.has(field)).as(file + ": webhook " + webhook.path("name").asString() + " sets " + field).isTrue();
      assertThat(webhook.get(field).isNull()).as(file + ": " + field + " is not empty").isFalse();
    }
  }

  @Test
  void the_model_knows_every_field_of_the_validating_configuration_so_none_is_misspelt() {
    assertThat(validating.getAdditionalProperties()).as("unknown top-level fields").isEmpty();
    assertThat(validating.getMetadata().getAdditionalProperties()).isEmpty();
    for (ValidatingWebhook w : validating.getWebhooks()) {
      assertThat(w.getAdditionalProperties()).as("unknown fields in " + w.getName()).isEmpty();
      assertThat(w.getClientConfig().getAdditionalProperties()).isEmpty();
      assertThat(w.getClientConfig().getService().getAdditionalProperties()).isEmpty();
      assertThat(w.getNamespaceSelector().getAdditionalProperties()).isEmpty();
      w.getRules().forEach(r -> assertThat(r.getAdditionalProperties()).isEmpty());
    }
  }

  @Test
  void the_model_knows_every_field_of_the_mutating_configuration_so_none_is_misspelt() {
    assertThat(mutating.getAdditionalProperties()).as("unknown top-level fields").isEmpty();
    assertThat(mutating.getMetadata().getAdditionalProperties()).isEmpty();
    for (MutatingWebhook w : mutating.getWebhooks()) {
      assertThat(w.getAdditionalProperties()).as("unknown fields in " + w.getName()).isEmpty();
      assertThat(w.getClientConfig().getAdditionalProperties()).isEmpty();
      assertThat(w.getClientConfig().getService().getAdditionalProperties()).isEmpty();
      assertThat(w.getNamespaceSelector().getAdditionalProperties()).isEmpty();
      assertThat(w.getObjectSelector().getAdditionalProperties()).isEmpty();
      w.getRules().forEach(r -> assertThat(r.getAdditionalProperties()).isEmpty());
      w.getMatchConditions().forEach(c -> assertThat(c.getAdditionalProperties()).isEmpty());
    }
  }

  // ---- validating

  @Test
  void the_validating_configuration_has_one_webhook_for_externalsecrets_at_our_service() {
    assertThat(validating.getApiVersion()).isEqualTo("admissionregistration.k8s.io/v1");
    assertThat(validating.getMetadata().getName()).isEqualTo("secretgate-validating");
    assertThat(validating.getWebhooks()).hasSize(1);
    ValidatingWebhook w = validating.getWebhooks().get(0);
    assertThat(w.getName()).isEqualTo("validate.externalsecrets.secretgate.io");
    assertService(w.getClientConfig().getService(), "/validate/externalsecret");
    assertThat(w.getClientConfig().getCaBundle()).isEqualTo("${CA_BUNDLE}");
    assertThat(w.getClientConfig().getUrl()).isNull();
  }

  @Test
  void the_validating_webhook_checks_create_and_update_of_externalsecrets_in_both_versions_and_never_delete() {
    ValidatingWebhook w = validating.getWebhooks().get(0);
    assertThat(w.getRules()).hasSize(1);
    RuleWithOperations rule = w.getRules().get(0);
    assertThat(rule.getOperations()).containsExactly("CREATE", "UPDATE");
    assertThat(rule.getApiGroups()).containsExactly("external-secrets.io");
    assertThat(rule.getApiVersions()).containsExactly("v1", "v1beta1");
    assertThat(rule.getResources()).containsExactly("externalsecrets");
    assertThat(rule.getScope()).isEqualTo("Namespaced");
    assertThat(w.getMatchPolicy()).isEqualTo("Equivalent");
  }

  @Test
  void the_validating_webhook_has_no_side_effects_speaks_v1_answers_within_5_seconds_and_fails_closed() {
    ValidatingWebhook w = validating.getWebhooks().get(0);
    assertThat(w.getSideEffects()).isEqualTo("None");
    assertThat(w.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(w.getTimeoutSeconds()).isEqualTo(5);
    assertThat(w.getFailurePolicy()).isEqualTo("Fail");
  }

  @Test
  void the_validating_webhook_skips_kube_system_and_our_own_namespace() {
    assertExcludesKubeSystemAndOurNamespace(validating.getWebhooks().get(0).getNamespaceSelector());
  }

  // ---- mutating

  @Test
  void the_mutating_configuration_has_one_pod_injector_at_our_service() {
    assertThat(mutating.getApiVersion()).isEqualTo("admissionregistration.k8s.io/v1");
    assertThat(mutating.getMetadata().getName()).isEqualTo("secretgate-mutating");
    assertThat(mutating.getWebhooks()).hasSize(1);
    MutatingWebhook w = mutating.getWebhooks().get(0);
    assertThat(w.getName()).isEqualTo("inject.pods.secretgate.io");
    assertService(w.getClientConfig().getService(), "/mutate/pod");
    assertThat(w.getClientConfig().getCaBundle()).isEqualTo("${CA_BUNDLE}");
  }

  @Test
  void the_injector_sees_pod_creates_only() {
    MutatingWebhook w = mutating.getWebhooks().get(0);
    assertThat(w.getRules()).hasSize(1);
    RuleWithOperations rule = w.getRules().get(0);
    assertThat(rule.getOperations()).containsExactly("CREATE");
    assertThat(rule.getApiGroups()).containsExactly("");
    assertThat(rule.getApiVersions()).containsExactly("v1");
    assertThat(rule.getResources()).containsExactly("pods");
    assertThat(rule.getScope()).isEqualTo("Namespaced");
  }

  @Test
  void the_injector_is_reinvoked_if_needed_has_no_side_effects_speaks_v1_and_states_its_failure_policy() {
    MutatingWebhook w = mutating.getWebhooks().get(0);
    assertThat(w.getReinvocationPolicy()).isEqualTo("IfNeeded");
    assertThat(w.getSideEffects()).isEqualTo("None");
    assertThat(w.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(w.getFailurePolicy()).isIn("Fail", "Ignore");
    assertThat(w.getTimeoutSeconds()).isBetween(1, 5);
  }

  @Test
  void only_pods_carrying_the_injection_annotation_reach_the_injector() {
    List<MatchCondition> conditions = mutating.getWebhooks().get(0).getMatchConditions();
    assertThat(conditions).hasSize(1);
    assertThat(conditions.get(0).getExpression()).isEqualTo(INJECT_CONDITION);
    assertThat(conditions.get(0).getName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  @Test
  void the_injector_skips_kube_system_our_own_namespace_and_our_own_pods() {
    MutatingWebhook w = mutating.getWebhooks().get(0);
    assertExcludesKubeSystemAndOurNamespace(w.getNamespaceSelector());
    LabelSelector objects = w.getObjectSelector();
    assertThat(objects.getMatchLabels()).isNullOrEmpty();
    assertThat(objects.getMatchExpressions()).singleElement().satisfies(e -> {
      assertThat(e.getKey()).isEqualTo("app.kubernetes.io/name");
      assertThat(e.getOperator()).isEqualTo("NotIn");
      assertThat(e.getValues()).containsExactly("secretgate");
    });
  }

  // ---- both

  @ParameterizedTest
  @ValueSource(strings = {VALIDATING, MUTATING})
  void the_failure_policy_is_explained_in_a_comment_right_above_it(String file) {
    String text = WebhookConfigFiles.text(WebhookConfigFiles.dir().resolve(file));
    Matcher m = Pattern.compile("((?:\\n *#[^\\n]*)+)\\n *failurePolicy: (\\w+)").matcher(text);
    assertThat(m.find()).as(file + ": a comment block directly above failurePolicy").isTrue();
    assertThat(m.group(1)).as("the comment names the policy it explains").contains(m.group(2));
    assertThat(m.group(1).lines().count()).as("more than a one-word comment").isGreaterThan(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {VALIDATING, MUTATING})
  void the_ca_bundle_placeholder_and_how_to_fill_it_are_documented_in_the_file(String file) {
    String text = WebhookConfigFiles.text(WebhookConfigFiles.dir().resolve(file));
    assertThat(text).contains("caBundle: \"${CA_BUNDLE}\"").contains("certs generate").contains("certs/README.md");
    assertThat(text.split(Pattern.quote("${CA_BUNDLE}"), -1).length - 1)
        .as("the placeholder only in caBundle fields, so that envsubst changes nothing else").isEqualTo(1);
  }

  private static void assertService(ServiceReference service, String path) {
    assertThat(service.getNamespace()).isEqualTo("secretgate");
    assertThat(service.getName()).isEqualTo("secretgate");
    assertThat(service.getPort()).isEqualTo(443);
    assertThat(service.getPath()).isEqualTo(path);
  }

  private static void assertExcludesKubeSystemAndOurNamespace(LabelSelector selector) {
    assertThat(selector).as("namespaceSelector").isNotNull();
    assertThat(selector.getMatchLabels()).isNullOrEmpty();
    assertThat(selector.getMatchExpressions()).singleElement().satisfies((LabelSelectorRequirement e) -> {
      assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
      assertThat(e.getOperator()).isEqualTo("NotIn");
      assertThat(e.getValues()).containsExactlyInAnyOrder("kube-system", "secretgate");
    });
  }
}
