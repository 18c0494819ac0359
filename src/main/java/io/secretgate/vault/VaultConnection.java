package io.secretgate.vault;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where and how to reach one Vault. A server that is not an http(s) address is an
 * {@link InvalidConnectionException}.
 *
 * @param server the base address, {@code http(s)://host[:port]}
 * @param namespace the Enterprise namespace sent as {@code X-Vault-Namespace}; {@code null} or
 *     blank for none
 * @param caBundlePem certificates to trust (one PEM or several concatenated, or that text base64
 *     encoded once or twice as ESO accepts it); empty for the JVM trust store
 * @param token asked on every call, so a rotated token Secret is used on the next call
 * @param timeout the connect timeout and the time to wait for an answer, on every call
 */
public record VaultConnection(URI server, String namespace, Optional<String> caBundlePem, Supplier<String> token, Duration timeout) {

  public VaultConnection {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(caBundlePem, "caBundlePem");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(timeout, "timeout");
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || server.getHost() == null) {
      throw new InvalidConnectionException("the Vault server must be an http:// or https:// address, e.g. https://vault.vault.svc:8200"
          + (server.isOpaque() ? "" : ", not " + displayAddress(server)));
    }
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the Vault timeout must be positive");
    namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
  }

  /**
   * A store's {@code server} text as a URI; one that does not parse is an
   * {@link InvalidConnectionException} saying where.
   */
  public static URI serverUri(String server) {
    try {
      return new URI(server == null ? "" : server);
    } catch (java.net.URISyntaxException e) {
      throw new InvalidConnectionException("the Vault server is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
  }

  /**
   * The token for the next call: supplied now, with surrounding whitespace and line breaks
   * removed (a token Secret written with {@code echo} ends in a newline, which breaks ESO).
   */
  public String currentToken() {
    String t = token.get();
    return t == null ? "" : t.strip();
  }

  /** The server as it may be shown in messages: no user info, query or fragment. */
  public String displayAddress() {
    return displayAddress(server);
  }

  /** {@code uri} as it may be shown in messages: no user info, query or fragment. */
  public static String displayAddress(URI uri) {
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) out.append(uri.getScheme()).append("://");
    if (uri.getHost() != null) out.append(uri.getHost());
    if (uri.getPort() >= 0) out.append(':').append(uri.getPort());
    if (uri.getRawPath() != null) out.append(uri.getRawPath());
    return out.toString();
  }

  /** Never the token or the CA bundle. */
  @Override
  public String toString() {
    return "VaultConnection[server=" + displayAddress() + ", namespace=" + namespace + ", caBundle=" + caBundlePem.isPresent()
        + ", timeout=" + timeout + "]";
  }
}
