package io.secretgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Least privilege: the permissions the chart grants its ServiceAccount are exactly the union of
 * what the parts running in a mode call. A grant is "SCOPE GROUP/RESOURCE[#NAME] VERB" with SCOPE
 * "*" for the whole cluster or the namespace of a Role.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartRbacTest {
  private static final String NS = ChartFiles.NAMESPACE;

  // The sync controller (serve --controller), on the leader.
  private static final Set<String> CONTROLLER = union(
      // SyncController's informers (list, watch); StatusWriter.current and StoreStatusWriter re-read before writing status (get);
      // CleanupFinalizer adds and removes the clean-up finalizer on the main resource (a merge patch)
      cluster("external-secrets.io/externalsecrets", "get", "list", "patch", "watch"),
      cluster("external-secrets.io/secretstores", "get", "list", "watch"),
      cluster("external-secrets.io/clustersecretstores", "get", "list", "watch"),
      // StatusWriter / StoreStatusWriter: updateStatus()
      cluster("external-secrets.io/externalsecrets/status", "update"),
      cluster("external-secrets.io/secretstores/status", "update"),
      cluster("external-secrets.io/clustersecretstores/status", "update"),
      // SyncController's Namespace informer (ClusterSecretStore conditions)
      cluster("/namespaces", "list", "watch"),
      // EventRecorder: create, then a JSON merge patch of count/lastTimestamp
      cluster("/events", "create", "patch"),
      // CaReader: a store's provider.vault.caProvider of type ConfigMap (get)
      cluster("/configmaps", "get"),
      // Ownership.controllerReference: the Secret's ownerReference to its ExternalSecret sets
      // blockOwnerDeletion, which the OwnerReferencesPermissionEnforcement admission plugin allows only
      // to who may update the owner's finalizers subresource
      cluster("external-secrets.io/externalsecrets/finalizers", "update"));

  // controller.restartWorkloads (default true): kube.Workloads lists Deployments, StatefulSets and
  // DaemonSets in the Secret's namespace and rolls the consumers with a JSON merge patch.
  private static final Set<String> RESTARTS = union(
      cluster("apps/deployments", "list", "patch"),
      cluster("apps/statefulsets", "list", "patch"),
      cluster("apps/daemonsets", "list", "patch"));

  // Secrets the controller touches: managed-Secret informer (list, watch), TokenReader and
  // SecretUpdates (get), SecretUpdates (create, update), SecretDeleter (list by label, delete).
  private static final String[] CONTROLLER_SECRETS = {"create", "delete", "get", "list", "update", "watch"};

  // The validating webhook: WebhookInformers (SecretStore, ClusterSecretStore, Namespace: list,
  // watch, and a GET through KubeStoreLookup for one the caches do not hold yet); VaultPolicyOracle reads the store's token, caProvider and client certificate through
  // WatchedObjects: a name-selected informer per object (list, watch), a GET while it has not listed
  // (get); a caProvider ConfigMap the same way, a caProvider Secret through the secrets verbs below.
  private static final Set<String> VALIDATING = union(
      cluster("external-secrets.io/secretstores", "get", "list", "watch"),
      cluster("external-secrets.io/clustersecretstores", "get", "list", "watch"),
      cluster("/namespaces", "get", "list", "watch"),
      cluster("/configmaps", "get", "list", "watch"));
  private static final String[] VALIDATING_SECRETS = {"get", "list", "watch"};

  // The mutating webhook: InjectionInformers (ExternalSecrets and managed Secrets, cluster-wide: list, watch).
  private static final Set<String> MUTATING = cluster("external-secrets.io/externalsecrets", "list", "watch");
  private static final String[] MUTATING_SECRETS = {"list", "watch"};

  // LeaderElection over fabric8's LeaseLock: get, create, and a merge patch to renew and release.
  private static final Set<String> LEASE = union(
      scoped(NS, "coordination.k8s.io/leases", "create"),
      scoped(NS, "coordination.k8s.io/leases#secretgate-leader", "get", "patch"));

  // Self-managed certificates: CertificateSecret (get, create, update, and an informer on the one
  // Secret: list, watch) and WebhookCaBundles (get, informer, JSON patch of caBundle) on both configurations.
  private static final Set<String> SELF_MANAGED_CERTS = union(
      scoped(NS, "/secrets", "create"),
      scoped(NS, "/secrets#secretgate-webhook-tls", "get", "list", "update", "watch"),
      cluster("admissionregistration.k8s.io/validatingwebhookconfigurations#secretgate-validating", "get", "list", "patch", "watch"),
      cluster("admissionregistration.k8s.io/mutatingwebhookconfigurations#secretgate-mutating", "get", "list", "patch", "watch"));

  @Test
  void the_default_install_may_do_what_the_controller_and_the_validating_webhook_with_its_own_certificate_do() {
    assertThat(grants(ChartFiles.render("default"))).containsExactlyInAnyOrderElementsOf(union(
        CONTROLLER, RESTARTS, VALIDATING, SELF_MANAGED_CERTS, cluster("/secrets", merged(CONTROLLER_SECRETS, VALIDATING_SECRETS))));
  }

  @Test
  void beside_eso_it_may_not_write_secrets_status_or_events() {
    assertThat(grants(ChartFiles.render("beside-eso"))).containsExactlyInAnyOrderElementsOf(union(
        VALIDATING, MUTATING, SELF_MANAGED_CERTS, cluster("/secrets", merged(VALIDATING_SECRETS, MUTATING_SECRETS))));
  }

  @Test
  void with_replicas_and_cert_manager_it_may_hold_the_lease_and_not_touch_certificates_or_webhook_configurations() {
    assertThat(grants(ChartFiles.render("ha"))).containsExactlyInAnyOrderElementsOf(union(
        CONTROLLER, RESTARTS, VALIDATING, MUTATING, LEASE, cluster("/secrets", merged(CONTROLLER_SECRETS, VALIDATING_SECRETS, MUTATING_SECRETS))));
  }

  @Test
  void the_controller_alone_needs_no_webhook_rights() {
    assertThat(grants(ChartFiles.render("controller-only"))).containsExactlyInAnyOrderElementsOf(union(
        CONTROLLER, RESTARTS, cluster("/secrets", CONTROLLER_SECRETS)));
  }

  @Test
  void narrowed_secret_access_grants_secrets_only_in_the_listed_namespaces() {
    String[] secrets = merged(CONTROLLER_SECRETS, VALIDATING_SECRETS);
    assertThat(grants(ChartFiles.render("secret-namespaces"))).containsExactlyInAnyOrderElementsOf(union(
        CONTROLLER, RESTARTS, VALIDATING, SELF_MANAGED_CERTS,
        scoped("payments", "/secrets", secrets), scoped("orders", "/secrets", secrets), scoped("vault-auth", "/secrets", secrets)));
  }

  @Test
  void the_controller_may_set_block_owner_deletion_on_the_secrets_its_external_secrets_own() {
    for (String mode : List.of("default", "controller-only", "secret-namespaces", "ha")) {
      assertThat(grants(ChartFiles.render(mode))).as(mode).contains("* external-secrets.io/externalsecrets/finalizers update");
    }
    assertThat(grants(ChartFiles.render("beside-eso"))).noneMatch(g -> g.contains("/finalizers"));
  }

  @Test
  void without_workload_restarts_it_may_not_touch_workloads() {
    assertThat(grants(ChartFiles.render("default", java.util.Map.of("controller.restartWorkloads", false))))
        .noneMatch(g -> g.contains(" apps/"));
  }

  @Test
  void every_role_is_bound_to_the_charts_own_service_account_and_nothing_else() {
    Rendered r = ChartFiles.render("ha");
    ServiceAccount sa = r.one(ServiceAccount.class).orElseThrow();
    List<Subject> subjects = new java.util.ArrayList<>();
    r.all(ClusterRoleBinding.class).forEach(b -> subjects.addAll(b.getSubjects()));
    r.all(RoleBinding.class).forEach(b -> subjects.addAll(b.getSubjects()));

    assertThat(subjects).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(sa.getMetadata().getName());
      assertThat(s.getNamespace()).isEqualTo(NS);
    });
    assertThat(r.all(ClusterRoleBinding.class).size() + r.all(RoleBinding.class).size())
        .isEqualTo(r.all(ClusterRole.class).size() + r.all(Role.class).size());
  }

  /** Every permission of the ServiceAccount through the rendered bindings. */
  static Set<String> grants(Rendered r) {
    Set<String> out = new TreeSet<>();
    for (ClusterRoleBinding b : r.all(ClusterRoleBinding.class)) {
      out.addAll(rulesGrants("*", clusterRole(r, b.getRoleRef()).getRules()));
    }
    for (RoleBinding b : r.all(RoleBinding.class)) {
      String ns = b.getMetadata().getNamespace();
      Role role = r.all(Role.class).stream()
          .filter(x -> x.getMetadata().getName().equals(b.getRoleRef().getName()) && x.getMetadata().getNamespace().equals(ns))
          .findFirst().orElseThrow(() -> new AssertionError("RoleBinding " + ns + "/" + b.getMetadata().getName() + " names no rendered Role"));
      out.addAll(rulesGrants(ns, role.getRules()));
    }
    return out;
  }

  private static ClusterRole clusterRole(Rendered r, RoleRef ref) {
    assertThat(ref.getKind()).isEqualTo("ClusterRole");
    return r.all(ClusterRole.class).stream().filter(x -> x.getMetadata().getName().equals(ref.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("ClusterRoleBinding names no rendered ClusterRole " + ref.getName()));
  }

  private static Set<String> rulesGrants(String scope, List<PolicyRule> rules) {
    Set<String> out = new TreeSet<>();
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? List.of("") : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String name : names) {
            for (String verb : rule.getVerbs()) {
              out.add(scope + " " + group + "/" + resource + (name.isEmpty() ? "" : "#" + name) + " " + verb);
            }
          }
        }
      }
    }
    return out;
  }

  private static Set<String> cluster(String resource, String... verbs) {
    return scoped("*", resource, verbs);
  }

  private static Set<String> scoped(String scope, String resource, String... verbs) {
    Set<String> out = new TreeSet<>();
    for (String verb : verbs) out.add(scope + " " + resource + " " + verb);
    return out;
  }

  private static String[] merged(String[]... verbs) {
    Set<String> out = new TreeSet<>();
    for (String[] v : verbs) out.addAll(List.of(v));
    return out.toArray(String[]::new);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> out = new TreeSet<>();
    for (Set<String> s : sets) out.addAll(s);
    return out;
  }
}
