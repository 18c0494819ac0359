package io.secretgate.vault;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
 * @param headers sent with every request, as ESO's {@code headers} (the values may be credentials:
 *     they are never shown); a name or value HTTP cannot carry is an {@link InvalidConnectionException}
 * @param clientCertificate presented in the TLS handshake (ESO's {@code tls.certSecretRef} /
 *     {@code tls.keySecretRef}); empty for none
 */
public record VaultConnection(URI server, String namespace, Optional<String> caBundlePem, Supplier<String> token, Duration timeout,
    Map<String, String> headers, Optional<ClientCertificate> clientCertificate) {
  /** Names the JDK's HTTP client refuses to set (it sets them itself). */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Without extra headers. */
  public VaultConnection(URI server, String namespace, Optional<String> caBundlePem, Supplier<String> token, Duration timeout) {
    this(server, namespace, caBundlePem, token, timeout, Map.of(), Optional.empty());
  }

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
    headers = checked(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(clientCertificate, "clientCertificate");
  }

  private static Map<String, String> checked(Map<String, String> headers) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> {
      String n = name == null ? "" : name;
      if (!TOKEN.matcher(n).matches() || RESTRICTED.contains(n.toLowerCase(Locale.ROOT))) {
        throw new InvalidConnectionException("headers: \"" + n + "\" cannot be sent as an HTTP header name"
            + (RESTRICTED.contains(n.toLowerCase(Locale.ROOT)) ? " (the HTTP client sets it itself)" : ""));
      }
      String v = value == null ? "" : value;
      if (v.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw new InvalidConnectionException("headers: the value of \"" + n + "\" holds a line break or NUL, which HTTP cannot carry");
      }
      out.put(n, v);
    });
    return Collections.unmodifiableMap(out);
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

  /** Never the token, the CA bundle, a header value or the client key. */
  @Override
  public String toString() {
    return "VaultConnection[server=" + displayAddress() + ", namespace=" + namespace + ", caBundle=" + caBundlePem.isPresent()
        + ", timeout=" + timeout + ", headers=" + headers.keySet() + ", clientCertificate=" + clientCertificate.isPresent() + "]";
  }
}
