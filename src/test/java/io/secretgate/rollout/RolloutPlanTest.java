package io.secretgate.rollout;

import static io.secretgate.rollout.RolloutFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {
  final Map<String, String> hashes = new HashMap<>(Map.of("db", "h-db-1", "tls", "h-tls-1", "api-keys", "h-keys-1"));
  final Function<String, Optional<String>> lookup = n -> Optional.ofNullable(hashes.get(n));

  @Test
  void an_annotated_workload_consuming_a_changed_secret_is_rolled_with_the_hash_over_all_it_consumes() {
    Workload w = workload("api", true, template("volumes.yaml"));
    List<RolloutPlan.Rollout> plan = RolloutPlan.plan(List.of(w), Set.of("tls"), lookup);
    assertThat(plan).singleElement().satisfies(r -> {
      assertThat(r.workload()).isEqualTo(w);
      assertThat(r.changedSecrets()).containsExactly("tls");
      assertThat(r.hash()).isEqualTo(RolloutPlan.hash(new TreeSet<>(Set.of("db", "tls")), lookup));
    });
  }

  @Test
  void several_changed_secrets_roll_a_workload_once_naming_them_all() {
    List<RolloutPlan.Rollout> plan = RolloutPlan.plan(List.of(workload("api", true, template("volumes.yaml"))), Set.of("db", "tls", "other"), lookup);
    assertThat(plan).singleElement().satisfies(r -> assertThat(r.changedSecrets()).containsExactly("db", "tls"));
  }

  @Test
  void a_workload_without_the_annotation_or_not_consuming_the_secret_is_left_alone() {
    List<Workload> workloads = List.of(workload("plain", false, template("env-from.yaml")), workload("other", true, template("nothing.yaml")));
    assertThat(RolloutPlan.plan(workloads, Set.of("db"), lookup)).isEmpty();
  }

  @Test
  void a_template_that_already_carries_the_hash_is_not_rolled_again() {
    PodTemplateSpec t = template("env-from.yaml");
    String hash = RolloutPlan.hash(new TreeSet<>(Set.of("db")), lookup);
    t.getMetadata().getAnnotations().put("secretgate.io/secret-hash", hash);
    assertThat(RolloutPlan.plan(List.of(workload("api", true, t)), Set.of("db"), lookup)).isEmpty();
    hashes.put("db", "h-db-2");
    assertThat(RolloutPlan.plan(List.of(workload("api", true, t)), Set.of("db"), lookup)).singleElement()
        .satisfies(r -> assertThat(r.hash()).isNotEqualTo(hash));
  }

  @Test
  void a_created_secret_rolls_a_workload_rolled_before_when_its_hash_changes() {
    PodTemplateSpec t = template("env-from.yaml");
    t.getMetadata().getAnnotations().put("secretgate.io/secret-hash", RolloutPlan.hash(new TreeSet<>(Set.of("db")), lookup));
    hashes.put("db", "h-db-2");
    assertThat(RolloutPlan.plan(List.of(workload("api", true, t)), Set.of(), Set.of("db"), lookup)).singleElement()
        .satisfies(r -> assertThat(r.changedSecrets()).containsExactly("db"));
  }

  @Test
  void a_created_secret_does_not_roll_a_workload_never_rolled_as_at_a_first_deployment() {
    assertThat(RolloutPlan.plan(List.of(workload("api", true, template("env-from.yaml"))), Set.of(), Set.of("db"), lookup)).isEmpty();
  }

  @Test
  void a_secret_created_again_with_the_same_data_does_not_roll_a_workload_rolled_before() {
    PodTemplateSpec t = template("env-from.yaml");
    t.getMetadata().getAnnotations().put("secretgate.io/secret-hash", RolloutPlan.hash(new TreeSet<>(Set.of("db")), lookup));
    assertThat(RolloutPlan.plan(List.of(workload("api", true, t)), Set.of(), Set.of("db"), lookup)).isEmpty();
  }

  @Test
  void a_secret_created_and_changed_in_one_batch_counts_as_changed_for_a_workload_never_rolled() {
    assertThat(RolloutPlan.plan(List.of(workload("api", true, template("env-from.yaml"))), Set.of("db"), Set.of("db"), lookup))
        .singleElement().satisfies(r -> assertThat(r.changedSecrets()).containsExactly("db"));
  }

  @Test
  void the_hash_depends_on_names_and_data_hashes_and_counts_a_missing_secret() {
    TreeSet<String> both = new TreeSet<>(Set.of("db", "tls"));
    String before = RolloutPlan.hash(both, lookup);
    assertThat(RolloutPlan.hash(both, lookup)).isEqualTo(before).hasSize(64);
    hashes.remove("tls");
    assertThat(RolloutPlan.hash(both, lookup)).isNotEqualTo(before);
    assertThat(RolloutPlan.hash(new TreeSet<>(Set.of("db")), lookup)).isNotEqualTo(RolloutPlan.hash(both, lookup));
  }

  @Test
  void a_rollout_names_the_changed_secrets_and_says_when_a_paused_deployment_replaces_its_pods() {
    ObjectMeta meta = new ObjectMetaBuilder().withName("api").withNamespace("payments")
        .withAnnotations(Map.of("secretgate.io/restart-on-change", "true")).build();
    Workload paused = Workload.of("Deployment", meta, template("volumes.yaml"), true);
    assertThat(RolloutPlan.plan(List.of(paused), Set.of("db", "tls"), lookup)).singleElement().satisfies(r -> assertThat(r.message())
        .isEqualTo("rolled because the data of Secrets db, tls changed; the Deployment is paused: its Pods are replaced once it is resumed"));
    assertThat(RolloutPlan.plan(List.of(workload("api", true, template("volumes.yaml"))), Set.of("db"), lookup)).singleElement()
        .satisfies(r -> assertThat(r.message()).isEqualTo("rolled because the data of Secret db changed"));
  }

  @Test
  void the_restart_annotation_must_say_true() {
    ObjectMeta meta = new ObjectMetaBuilder().withName("api").withNamespace("payments")
        .withAnnotations(Map.of("secretgate.io/restart-on-change", "yes")).build();
    assertThat(Workload.of("Deployment", meta, template("env-from.yaml")).restartOnChange()).isFalse();
    meta.setAnnotations(Map.of("secretgate.io/restart-on-change", "True"));
    assertThat(Workload.of("Deployment", meta, template("env-from.yaml")).restartOnChange()).isTrue();
  }

  private static Workload workload(String name, boolean annotated, PodTemplateSpec template) {
    ObjectMeta meta = new ObjectMetaBuilder().withName(name).withNamespace("payments")
        .withAnnotations(annotated ? Map.of("secretgate.io/restart-on-change", "true") : Map.of()).build();
    return Workload.of("Deployment", meta, template);
  }
}
