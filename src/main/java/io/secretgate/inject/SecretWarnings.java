package io.secretgate.inject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The admission warnings about the Secrets a Pod asks for. None of them refuses the Pod: a Pod
 * whose Secret does not exist yet is created and waits in {@code CreateContainerConfigError} until
 * the Secret appears (the kubelet retries), which is the normal order when an app and its
 * ExternalSecret are applied together.
 *
 * <ul>
 *   <li>targeted by an ExternalSecret, managed Secret exists: nothing to say;
 *   <li>targeted, not there yet: not synced yet, the Pod will wait for it;
 *   <li>not targeted, managed Secret exists: no ExternalSecret keeps it up to date any more;
 *   <li>not targeted, not known: secretgate cannot tell (it does not cache unmanaged Secrets and
 *       makes no API call while admitting), so it says the Pod will wait unless the Secret exists.
 * </ul>
 *
 * <p>Each says first what happens and names the Secret next, so that a long name is what the cut at
 * 120 characters (AdmissionWarnings) shortens, never what happens; the namespace is the Pod's, and not
 * repeated. When several ExternalSecrets target one Secret, the first by name is named, whatever order the
 * facts give them in, so the webhook and {@code secretgate review} name the same one.
 */
public final class SecretWarnings {
  private SecretWarnings() {}

  /** One warning per Secret of {@code secrets} that may keep the Pod waiting or is not synced by anything. */
  public static List<String> of(String namespace, List<String> secrets, SecretFacts facts) {
    List<String> out = new ArrayList<>();
    for (String secret : secrets) {
      List<String> targeting = facts.externalSecretsTargeting(namespace, secret);
      boolean exists = facts.managedSecretExists(namespace, secret);
      if (!targeting.isEmpty() && !exists) {
        out.add("the Pod will wait for Secret \"" + secret + "\" until ExternalSecret \"" + Collections.min(targeting) + "\" syncs it");
      } else if (targeting.isEmpty() && exists) {
        out.add("Secret \"" + secret + "\" is not refreshed: no ExternalSecret targets it any more");
      } else if (targeting.isEmpty()) {
        out.add("the Pod will wait for Secret \"" + secret + "\" unless it exists: no ExternalSecret targets it");
      }
    }
    return out;
  }
}
