package io.secretgate.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Lease moves made by hand in tests. */
public final class Leases {
  private Leases() {}

  /**
   * Another holder takes the lease, as a replica that believes it expired would; retried when a
   * renewal got in between (409).
   */
  public static void steal(KubernetesClient client, String namespace, String lease, String holder) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.leases().inNamespace(namespace).withName(lease).edit(l -> {
          l.getSpec().setHolderIdentity(holder);
          l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
          return l;
        });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) throw e;
      }
    }
  }
}
