package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY read as Go's golang.org/x/net/http/httpproxy reads them (ESO's Vault client). */
class EnvironmentProxyTest {
  private static String proxyFor(Map<String, String> env, String url) {
    Proxy p = EnvironmentProxy.from(env).orElseThrow().select(URI.create(url)).get(0);
    if (p.type() == Proxy.Type.DIRECT) return "direct";
    InetSocketAddress a = (InetSocketAddress) p.address();
    return a.getHostString() + ":" + a.getPort();
  }

  @Test
  void no_proxy_variable_means_no_selector_and_the_jdk_default() {
    assertThat(EnvironmentProxy.from(Map.of("NO_PROXY", "*", "PATH", "/bin"))).isEmpty();
  }

  @Test
  void https_servers_use_https_proxy_and_http_servers_http_proxy_a_bare_host_port_being_http() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "proxy.corp:3128", "HTTP_PROXY", "http://plain.corp");
    assertThat(proxyFor(env, "https://vault.example.com:8200")).isEqualTo("proxy.corp:3128");
    assertThat(proxyFor(env, "http://vault.example.com:8200")).isEqualTo("plain.corp:80");
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "proxy.corp:3128"), "http://vault.example.com:8200")).isEqualTo("direct");
  }

  @Test
  void the_lower_case_variable_wins_as_in_go() {
    assertThat(proxyFor(Map.of("https_proxy", "lower.corp:1", "HTTPS_PROXY", "upper.corp:2"), "https://vault.example.com")).isEqualTo("lower.corp:1");
  }

  @ParameterizedTest(name = "NO_PROXY={0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "''                   | https://localhost:8200              | direct",
      "''                   | https://127.0.0.1:8200              | direct",
      "''                   | https://[::1]:8200                  | direct",
      "''                   | https://vault.example.com:8200      | proxy.corp:3128",
      "*                    | https://vault.example.com:8200      | direct",
      "example.com          | https://example.com:8200            | direct",
      "example.com          | https://vault.example.com:8200      | direct",
      "example.com          | https://notexample.com:8200         | proxy.corp:3128",
      ".example.com         | https://example.com:8200            | proxy.corp:3128",
      ".example.com         | https://vault.example.com:8200      | direct",
      "*.example.com        | https://vault.example.com:8200      | direct",
      "' Vault.Example.COM '| https://vault.example.com:8200      | direct",
      "vault.svc:8200       | https://vault.vault.svc:8200        | direct",
      "vault.svc:8200       | https://vault.vault.svc:443         | proxy.corp:3128",
      "10.0.0.0/8           | https://10.1.2.3:8200               | direct",
      "10.0.0.0/8           | https://11.0.0.1:8200               | proxy.corp:3128",
      "10.0.0.0/8           | https://ten.example.com:8200        | proxy.corp:3128",
      "192.168.1.10         | https://192.168.1.10:8200           | direct",
      "192.168.1.10:8200    | https://192.168.1.10:8201           | proxy.corp:3128",
      "'a.com, ,b.com'      | https://vault.b.com                 | direct",
      "fd00::/8             | https://[fd00::5]:8200              | direct",
      "[fd00::5]:8200       | https://[fd00::5]:8200              | direct",
  })
  void no_proxy_lists_hosts_domains_ips_and_ranges_and_loopback_is_never_proxied(String noProxy, String url, String expected) {
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "proxy.corp:3128", "NO_PROXY", noProxy), url)).isEqualTo(expected);
  }

  @Test
  void a_proxy_the_jdk_client_cannot_use_is_refused_naming_the_variable_never_its_password() {
    assertThatThrownBy(() -> EnvironmentProxy.from(Map.of("HTTPS_PROXY", "socks5://proxy.corp:1080")))
        .isInstanceOf(InvalidConnectionException.class)
        .hasMessage("HTTPS_PROXY: only http:// proxies are supported for Vault (the Java HTTP client tunnels https through them), not socks5://");
    assertThatThrownBy(() -> EnvironmentProxy.from(Map.of("http_proxy", "http://svc:hunter2@proxy.corp:3128")))
        .isInstanceOf(InvalidConnectionException.class).hasMessageNotContaining("hunter2").hasMessageStartingWith("http_proxy:");
  }
}
