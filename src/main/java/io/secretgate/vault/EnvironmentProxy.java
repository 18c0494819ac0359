package io.secretgate.vault;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP proxy for Vault calls from {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY}
 * (or their lower-case forms, which win as in Go), read as ESO's Go client reads them
 * ({@code golang.org/x/net/http/httpproxy}): {@code HTTPS_PROXY} for {@code https://} servers and
 * {@code HTTP_PROXY} for {@code http://} ones; a proxy without a scheme is {@code http://}; never for
 * {@code localhost} or a loopback address; {@code NO_PROXY} is a comma-separated list of {@code *},
 * host names (a name matches itself and its subdomains, {@code .name} only its subdomains), IP
 * addresses and CIDR ranges, each optionally with {@code :port}. Java ignores these variables, so
 * without this a Vault reached through an egress proxy, which ESO reaches, was never reached.
 *
 * <p>Only {@code http://} proxies without credentials are supported (the JDK's client tunnels
 * {@code https://} through them with CONNECT); any other is refused by {@link #from} with a message
 * naming the variable, never its value (it may hold a password): each store then says so in its
 * status instead of calling Vault around the proxy.
 */
public final class EnvironmentProxy extends ProxySelector {
  private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+/[0-9]{1,3}");

  private final Optional<InetSocketAddress> https;
  private final Optional<InetSocketAddress> http;
  private final List<String> noProxy;
  private final Map<String, String> variableByScheme;

  private EnvironmentProxy(Optional<InetSocketAddress> https, Optional<InetSocketAddress> http, List<String> noProxy,
      Map<String, String> variableByScheme) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
    this.variableByScheme = variableByScheme;
  }

  /**
   * The selector the variables in {@code env} describe; empty when they name no proxy.
   *
   * @throws InvalidConnectionException naming the variable when its proxy is not a usable {@code http://} proxy
   */
  public static Optional<EnvironmentProxy> from(Map<String, String> env) {
    Optional<InetSocketAddress> https = proxy(env, "https_proxy", "HTTPS_PROXY");
    Optional<InetSocketAddress> http = proxy(env, "http_proxy", "HTTP_PROXY");
    if (https.isEmpty() && http.isEmpty()) return Optional.empty();
    List<String> noProxy = new ArrayList<>();
    for (String entry : variable(env, "no_proxy", "NO_PROXY").orElse("").split(",")) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (!e.isEmpty()) noProxy.add(e);
    }
    Map<String, String> variables = Map.of("https", name(env, "https_proxy", "HTTPS_PROXY"), "http", name(env, "http_proxy", "HTTP_PROXY"));
    return Optional.of(new EnvironmentProxy(https, http, List.copyOf(noProxy), variables));
  }

  /** For messages: {@code the proxy proxy.corp:3128 (HTTPS_PROXY)} when calls to {@code uri} go through one. */
  public Optional<String> describeFor(URI uri) {
    Proxy p = select(uri).get(0);
    if (p.type() == Proxy.Type.DIRECT) return Optional.empty();
    InetSocketAddress a = (InetSocketAddress) p.address();
    return Optional.of("the proxy " + a.getHostString() + ":" + a.getPort() + " (" + variableByScheme.get(uri.getScheme().toLowerCase(Locale.ROOT)) + ")");
  }

  @Override
  public List<Proxy> select(URI uri) {
    Optional<InetSocketAddress> proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : "http".equalsIgnoreCase(uri.getScheme()) ? http : Optional.empty();
    if (proxy.isEmpty() || uri.getHost() == null || !useProxy(uri.getHost(), port(uri))) return List.of(Proxy.NO_PROXY);
    return List.of(new Proxy(Proxy.Type.HTTP, proxy.get()));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // the call fails and says so; nothing to remember
  }

  /** Whether a request to {@code host:port} goes through the proxy (Go's {@code useProxy}). */
  boolean useProxy(String rawHost, int port) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (host.equals("localhost")) return false;
    Optional<InetAddress> ip = literal(host);
    if (ip.isPresent() && ip.get().isLoopbackAddress()) return false;
    for (String entry : noProxy) {
      if (entry.equals("*")) return false;
      if (CIDR.matcher(entry).matches()) {
        if (ip.isPresent() && inRange(ip.get(), entry)) return false;
        continue;
      }
      String name = entry;
      int entryPort = -1;
      int colon = entry.lastIndexOf(':');
      boolean hostPort = entry.startsWith("[") ? entry.contains("]:") : colon > 0 && entry.indexOf(':') == colon;
      if (hostPort && entry.substring(colon + 1).matches("[0-9]+")) {
        name = entry.substring(0, colon);
        entryPort = Integer.parseInt(entry.substring(colon + 1));
      }
      if (name.startsWith("[") && name.endsWith("]")) name = name.substring(1, name.length() - 1);
      if (entryPort >= 0 && entryPort != port) continue;
      if (literal(name).isPresent()) {
        if (ip.isPresent() && ip.get().equals(literal(name).get())) return false;
        continue;
      }
      if (name.startsWith("*.")) name = name.substring(1);
      if (name.startsWith(".")) {
        if (host.endsWith(name)) return false;
      } else if (host.equals(name) || host.endsWith("." + name)) {
        return false;
      }
    }
    return true;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) return uri.getPort();
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Optional<InetSocketAddress> proxy(Map<String, String> env, String lower, String upper) {
    Optional<String> value = variable(env, lower, upper);
    if (value.isEmpty()) return Optional.empty();
    String name = name(env, lower, upper);
    String text = value.get();
    URI uri;
    try {
      uri = new URI(text.contains("://") ? text : "http://" + text);
    } catch (URISyntaxException e) {
      throw new InvalidConnectionException(name + " is not a proxy URL (http://host:port)");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new InvalidConnectionException(name + ": only http:// proxies are supported for Vault (the Java HTTP client tunnels https through them), not "
          + uri.getScheme() + "://");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidConnectionException(name + ": a proxy with credentials in the URL is not supported for Vault");
    }
    if (uri.getHost() == null) throw new InvalidConnectionException(name + " is not a proxy URL (http://host:port)");
    return Optional.of(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : 80));
  }

  /** Which of the two names is read: the lower-case one when set. */
  private static String name(Map<String, String> env, String lower, String upper) {
    return env.get(lower) != null && !env.get(lower).isBlank() ? lower : upper;
  }

  /** The lower-case variable wins, as in Go; blank is unset. */
  private static Optional<String> variable(Map<String, String> env, String lower, String upper) {
    for (String key : List.of(lower, upper)) {
      String v = env.get(key);
      if (v != null && !v.isBlank()) return Optional.of(v.trim());
    }
    return Optional.empty();
  }

  /** {@code text} as an IP address when it is a literal one (never a DNS lookup). */
  private static Optional<InetAddress> literal(String text) {
    if (!text.matches("[0-9.]+") && !(text.contains(":") && text.matches("[0-9a-f:.]+"))) return Optional.empty();
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean inRange(InetAddress ip, String cidr) {
    int slash = cidr.indexOf('/');
    Optional<InetAddress> net = literal(cidr.substring(0, slash));
    int bits = Integer.parseInt(cidr.substring(slash + 1));
    if (net.isEmpty()) return false;
    byte[] a = ip.getAddress();
    byte[] b = net.get().getAddress();
    if (a.length != b.length || bits > a.length * 8) return false;
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((a[i / 8] & mask) != (b[i / 8] & mask)) return false;
    }
    return true;
  }
}
