package io.secretgate.certs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How self-managed certificates live.
 *
 * @param dnsNames the serving certificate's DNS names ({@code <svc>}, {@code <svc>.<ns>}, {@code <svc>.<ns>.svc})
 * @param caValidity lifetime of a CA
 * @param servingValidity lifetime of a serving certificate (capped at its CA's end)
 * @param backdate how far in the past certificates start, for nodes whose clock runs behind
 * @param caPropagation how long a new CA stays published in {@code caBundle} before the serving
 *     certificate switches to it (kube-apiserver's client cache needs a moment)
 * @param dropOldCaAfter how long after the switch the old CA stays in {@code caBundle}, for replicas
 *     that still serve a certificate it signed until they reload
 */
public record CertPolicy(
    List<String> dnsNames, Duration caValidity, Duration servingValidity, Duration backdate, Duration caPropagation, Duration dropOldCaAfter) {
  /** Rotation is due once this share of a certificate's lifetime has passed. */
  public static final double ROTATE_AT = 2.0 / 3.0;

  public CertPolicy {
    dnsNames = List.copyOf(dnsNames);
    Objects.requireNonNull(caValidity, "caValidity");
    Objects.requireNonNull(servingValidity, "servingValidity");
    if (servingValidity.compareTo(caValidity) >= 0) {
      throw new IllegalArgumentException("the serving certificate must live shorter than its CA");
    }
  }

  /** CA 5 years, serving certificate 90 days, 1 h backdated, 5 min propagation, old CA kept 30 min after the switch. */
  public static CertPolicy defaults(String service, String namespace) {
    return new CertPolicy(dnsNames(service, namespace), Duration.ofDays(5 * 365), Duration.ofDays(90), Duration.ofHours(1),
        Duration.ofMinutes(5), Duration.ofMinutes(30));
  }

  /** {@code <svc>}, {@code <svc>.<ns>}, {@code <svc>.<ns>.svc}. */
  public static List<String> dnsNames(String service, String namespace) {
    return List.of(service, service + "." + namespace, io.secretgate.tls.ServiceNames.serverName(service, namespace));
  }
}
