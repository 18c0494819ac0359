package io.secretgate.vault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks Vault what a token may do: {@code POST /v1/sys/capabilities-self} with all paths in one
 * request (vault-facts.md §3.4). The token never appears in an exception or a message.
 */
public final class VaultCapabilities {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI address;

  public VaultCapabilities(HttpClient http, URI address) {
    this.http = http;
    this.address = address;
  }

  /** A failed question to Vault; the message names the address and the HTTP status, never the token. */
  public static final class VaultCallException extends RuntimeException {
    public VaultCallException(String message) {
      super(message);
    }
  }

  /** The capabilities of {@code token} on each path, as Vault lists them. */
  public Map<String, List<String>> capabilitiesSelf(String token, String vaultNamespace, List<String> paths) {
    String body = JSON.writeValueAsString(Map.of("paths", paths));
    HttpRequest.Builder req = HttpRequest.newBuilder(address.resolve("/v1/sys/capabilities-self"))
        .timeout(TIMEOUT)
        .header("X-Vault-Token", token)
        .header("X-Vault-Request", "true")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (vaultNamespace != null && !vaultNamespace.isEmpty()) req.header("X-Vault-Namespace", vaultNamespace);
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new VaultCallException("cannot reach Vault at " + address + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VaultCallException("interrupted while asking Vault at " + address);
    }
    if (resp.statusCode() == 403) {
      throw new VaultCallException("Vault at " + address + " refused the token (403 permission denied): is it valid, and does its policy allow sys/capabilities-self?");
    }
    if (resp.statusCode() != 200) {
      throw new VaultCallException("Vault at " + address + " answered HTTP " + resp.statusCode() + " to sys/capabilities-self");
    }
    return parse(resp.body(), paths);
  }

  private Map<String, List<String>> parse(String body, List<String> paths) {
    try {
      JsonNode data = JSON.readTree(body).path("data");
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (String p : paths) {
        JsonNode caps = data.path(p);
        List<String> list = new ArrayList<>();
        caps.forEach(c -> list.add(c.asString()));
        out.put(p, list.isEmpty() ? List.of("deny") : list);
      }
      return out;
    } catch (JacksonException e) {
      throw new VaultCallException("Vault at " + address + " sent a capabilities answer that is not JSON");
    }
  }
}
