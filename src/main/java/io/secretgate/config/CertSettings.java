package io.secretgate.config;

/**
 * Where the webhooks' serving certificate comes from.
 *
 * @param mode {@code files}: {@code --tls-cert-file}/{@code --tls-key-file}; {@code self-managed}:
 *     a CA and serving certificate kept in {@code secret}, rotated, and published in the caBundle
 *     of the two webhook configurations
 * @param secret the Secret (in {@code serviceNamespace}) that holds them in self-managed mode
 * @param serviceName the Service kube-apiserver calls, named in the certificate
 * @param serviceNamespace its namespace
 * @param validatingConfig the ValidatingWebhookConfiguration whose caBundle is kept
 * @param mutatingConfig the MutatingWebhookConfiguration whose caBundle is kept
 */
public record CertSettings(Mode mode, String secret, String serviceName, String serviceNamespace, String validatingConfig, String mutatingConfig) {
  /** As written in {@code --cert-mode}. */
  public enum Mode {
    FILES, SELF_MANAGED;

    /** The flag's spelling: {@code files}, {@code self-managed}. */
    public String flagValue() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** Files mode with every other default, in namespace {@code default}. */
  public static CertSettings defaults() {
    return new CertSettings(Mode.FILES, "secretgate-webhook-tls", "secretgate", "default", "secretgate-validating", "secretgate-mutating");
  }

  public boolean selfManaged() {
    return mode == Mode.SELF_MANAGED;
  }
}
