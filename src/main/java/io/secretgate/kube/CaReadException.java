package io.secretgate.kube;

/**
 * A store's {@code caProvider} could not give a CA, or its {@code tls} client certificate could
 * not be had. The message names the Secret or ConfigMap and the key, never its content;
 * {@link #configError()} when only a change of the store can fix it.
 */
public final class CaReadException extends RuntimeException {
  private final boolean configError;

  CaReadException(String message, boolean configError) {
    super(message, null, false, false);
    this.configError = configError;
  }

  /** The CA was read but holds no usable certificate (the object's content must change). */
  public static CaReadException unusable(String source, String why) {
    return new CaReadException("caProvider " + source + ": " + why, false);
  }

  /** Only a change of the store's spec can fix it (e.g. a ClusterSecretStore without caProvider.namespace). */
  public boolean configError() {
    return configError;
  }
}
