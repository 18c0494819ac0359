package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one Secret that holds the webhooks' self-managed CA and serving certificate, read and written
 * with optimistic concurrency: created only if absent (a 409 means another replica won), replaced
 * only at the resourceVersion it was read at. Values are PEM text; nothing here logs them.
 */
public final class CertificateSecret {
  /**
   * The Secret as read: its data decoded to text, its type, and its metadata, whose labels,
   * annotations, finalizers and owners others gave it a write keeps.
   */
  public record Snapshot(Map<String, String> data, String type, ObjectMeta metadata, boolean immutable) {
    public Map<String, String> annotations() {
      return metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
    }

    public String resourceVersion() {
      return metadata.getResourceVersion();
    }
  }

  /** The type a new Secret gets, so that {@code tls.crt}/{@code tls.key} mount as any TLS Secret. */
  public static final String TLS_TYPE = "kubernetes.io/tls";

  /** Marks the Secret as ours. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The annotations under this prefix are ours: a write sets exactly those it is given and drops the others. */
  static final String OWN_ANNOTATIONS = "secretgate.io/";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public CertificateSecret(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** {@code Secret ns/name}, for messages. */
  public String describe() {
    return "Secret " + namespace + "/" + name;
  }

  /** @throws KubeWriteException when the API cannot be read (the caller keeps what it serves) */
  public Optional<Snapshot> read() {
    Secret s;
    try {
      s = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, "Secret", namespace, name);
    }
    if (s == null) return Optional.empty();
    Map<String, String> data = new LinkedHashMap<>();
    if (s.getData() != null) s.getData().forEach((k, v) -> data.put(k, decode(v)));
    return Optional.of(new Snapshot(data, s.getType(), s.getMetadata(), Boolean.TRUE.equals(s.getImmutable())));
  }

  /**
   * Creates the Secret when {@code read} is empty, or replaces the one read at its resourceVersion
   * (keeping its type, which the API server does not let change, and the labels, annotations other
   * than {@value #OWN_ANNOTATIONS}*, finalizers and owner references others gave it: a restore's
   * labels, a backup tool's finalizer).
   *
   * @return false on 409: someone else created or changed it since it was read
   * @throws KubeWriteException for any other failure, and without a request when the Secret read is immutable
   */
  public boolean write(Map<String, String> data, Map<String, String> annotations, Optional<Snapshot> read) {
    if (read.map(Snapshot::immutable).orElse(false)) throw KubeWriteException.immutable("Secret", namespace, name);
    Optional<String> resourceVersion = read.map(Snapshot::resourceVersion);
    String type = read.map(Snapshot::type).filter(t -> !t.isBlank()).orElse(TLS_TYPE);
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret secret = new SecretBuilder().withMetadata(metadata(annotations, read)).withType(type).withData(encoded).build();
    try {
      if (resourceVersion.isPresent()) {
        client.secrets().inNamespace(namespace).resource(secret).update();
      } else {
        client.secrets().inNamespace(namespace).resource(secret).create();
      }
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) return false;
      throw KubeWriteException.of(e, "Secret", namespace, name);
    }
  }

  private ObjectMeta metadata(Map<String, String> annotations, Optional<Snapshot> read) {
    ObjectMeta before = read.map(Snapshot::metadata).orElseGet(ObjectMeta::new);
    Map<String, String> kept = new LinkedHashMap<>();
    read.map(Snapshot::annotations).orElse(Map.of()).forEach((k, v) -> {
      if (!k.startsWith(OWN_ANNOTATIONS)) kept.put(k, v);
    });
    kept.putAll(annotations);
    return new ObjectMetaBuilder().withNamespace(namespace).withName(name).withResourceVersion(read.map(Snapshot::resourceVersion).orElse(null))
        .withLabels(before.getLabels()).addToLabels(MANAGED_BY, "secretgate").withAnnotations(kept).withFinalizers(before.getFinalizers())
        .withOwnerReferences(before.getOwnerReferences()).build();
  }

  /** Calls {@code onChange} whenever the Secret is added, changed or deleted (an informer on this one name). */
  public AutoCloseable inform(Runnable onChange) {
    SharedIndexInformer<Secret> informer = client.secrets().inNamespace(namespace).withName(name).inform(handler(onChange));
    return informer::close;
  }

  static <T extends HasMetadata> ResourceEventHandler<T> handler(Runnable onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.run();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.run();
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.run();
      }
    };
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return ""; // not base64: read as an empty value, which the caller finds unusable
    }
  }
}
