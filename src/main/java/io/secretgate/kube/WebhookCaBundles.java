package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code clientConfig.caBundle} of every webhook in our ValidatingWebhookConfiguration and
 * MutatingWebhookConfiguration, read and patched (JSON patch, each webhook checked by name so a
 * reordered list is never patched at the wrong index).
 */
public final class WebhookCaBundles {
  /** Which kind of configuration. */
  public enum Kind {
    VALIDATING("ValidatingWebhookConfiguration"),
    MUTATING("MutatingWebhookConfiguration");

    private final String resource;

    Kind(String resource) {
      this.resource = resource;
    }

    public String resource() {
      return resource;
    }
  }

  /**
   * One configuration as read: each webhook's name, caBundle field (base64 PEM; empty when unset) and
   * the Service it calls ({@code namespace/name}; empty for a {@code url} webhook).
   */
  public record Installed(Kind kind, String name, List<String> webhookNames, List<String> caBundles, List<String> services) {}

  private final KubernetesClient client;

  public WebhookCaBundles(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The configuration, or empty when it is not installed.
   *
   * @throws KubeWriteException when the API cannot be read
   */
  public Optional<Installed> read(Kind kind, String name) {
    try {
      if (kind == Kind.VALIDATING) {
        ValidatingWebhookConfiguration c = client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get();
        return c == null ? Optional.empty() : Optional.of(installed(kind, name, c.getWebhooks(), w -> w.getName(), w -> w.getClientConfig()));
      }
      MutatingWebhookConfiguration c = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).get();
      return c == null ? Optional.empty() : Optional.of(installed(kind, name, c.getWebhooks(), w -> w.getName(), w -> w.getClientConfig()));
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, kind.resource(), null, name);
    }
  }

  /**
   * Sets the caBundle of the webhooks of {@code installed} at {@code indexes} to {@code caBundle} (base64 PEM).
   *
   * @return false when the configuration changed under us (a webhook moved, or it was deleted): read again
   * @throws KubeWriteException for any other failure
   */
  public boolean patch(Installed installed, List<Integer> indexes, String caBundle) {
    StringBuilder ops = new StringBuilder("[");
    for (int i : indexes) {
      if (ops.length() > 1) ops.append(',');
      ops.append("{\"op\":\"test\",\"path\":\"/webhooks/").append(i).append("/name\",\"value\":").append(json(installed.webhookNames().get(i)))
          .append("},{\"op\":\"add\",\"path\":\"/webhooks/").append(i).append("/clientConfig/caBundle\",\"value\":").append(json(caBundle)).append('}');
    }
    ops.append(']');
    try {
      PatchContext json = PatchContext.of(PatchType.JSON);
      if (installed.kind() == Kind.VALIDATING) {
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(installed.name()).patch(json, ops.toString());
      } else {
        client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(installed.name()).patch(json, ops.toString());
      }
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409 || e.getCode() == 422) return false;
      throw KubeWriteException.of(e, installed.kind().resource(), null, installed.name());
    }
  }

  /** Calls {@code onChange} whenever the named configuration is added, changed or deleted. */
  public AutoCloseable inform(Kind kind, String name, Runnable onChange) {
    SharedIndexInformer<? extends HasMetadata> informer = kind == Kind.VALIDATING
        ? client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).inform(CertificateSecret.handler(onChange))
        : client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).inform(CertificateSecret.handler(onChange));
    return informer::close;
  }

  private static <W> Installed installed(Kind kind, String name, List<W> webhooks, Function<W, String> webhookName,
      Function<W, WebhookClientConfig> config) {
    List<String> names = new ArrayList<>();
    List<String> bundles = new ArrayList<>();
    List<String> services = new ArrayList<>();
    for (W w : webhooks == null ? List.<W>of() : webhooks) {
      names.add(webhookName.apply(w));
      WebhookClientConfig c = config.apply(w);
      bundles.add(c == null || c.getCaBundle() == null ? "" : c.getCaBundle());
      services.add(c == null || c.getService() == null ? "" : c.getService().getNamespace() + "/" + c.getService().getName());
    }
    return new Installed(kind, name, List.copyOf(names), List.copyOf(bundles), List.copyOf(services));
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
