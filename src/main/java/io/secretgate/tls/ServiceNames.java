package io.secretgate.tls;

import java.util.List;
import java.util.Locale;

/**
 * The DNS names under which a Kubernetes Service is reached, for a serving certificate's SANs. The
 * kube-apiserver dials a webhook's {@code service} reference as {@code <svc>.<ns>.svc} and checks
 * that name (webhook-facts.md §1.6); the shorter names serve clients inside the namespace and the
 * {@code .svc.<cluster domain>} name serves clients that use the fully qualified form.
 */
public final class ServiceNames {
  /** The cluster domain of almost every cluster (kubelet's {@code --cluster-domain}). */
  public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

  private ServiceNames() {}

  /** {@code <svc>}, {@code <svc>.<ns>}, {@code <svc>.<ns>.svc}, {@code <svc>.<ns>.svc.cluster.local}. */
  public static List<String> of(String service, String namespace) {
    return of(service, namespace, DEFAULT_CLUSTER_DOMAIN);
  }

  /**
   * {@code <svc>}, {@code <svc>.<ns>}, {@code <svc>.<ns>.svc}, {@code <svc>.<ns>.svc.<clusterDomain>}.
   *
   * @throws IllegalArgumentException when a part is not a valid Kubernetes name
   */
  public static List<String> of(String service, String namespace, String clusterDomain) {
    String serverName = serverName(service, namespace);
    if (!DnsNames.isDnsName(clusterDomain, false)) {
      throw new IllegalArgumentException("cluster domain '" + clusterDomain + "' is not a DNS name");
    }
    return List.of(service, service + "." + namespace, serverName, serverName + "." + clusterDomain);
  }

  /**
   * {@code <svc>.<ns>.svc}: the TLS server name kube-apiserver uses for a webhook's service reference.
   *
   * @throws IllegalArgumentException when the service is not a DNS-1035 label or the namespace not a DNS-1123 label
   */
  public static String serverName(String service, String namespace) {
    if (!DnsNames.isLabel(service) || !service.equals(service.toLowerCase(Locale.ROOT))
        || !Character.isLetter(service.charAt(0))) {
      throw new IllegalArgumentException("service name '" + service + "' is not a valid Kubernetes Service name"
          + " (a DNS-1035 label: lower-case letters, digits and '-', starting with a letter, at most 63 characters)");
    }
    if (!DnsNames.isLabel(namespace) || !namespace.equals(namespace.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("namespace '" + namespace + "' is not a valid Kubernetes namespace name"
          + " (a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters)");
    }
    return service + "." + namespace + ".svc";
  }
}
