package io.secretgate.vault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the Vault calls the sync controller, store readiness and the webhook make (vault-facts.md
 * §3). API paths are full paths without {@code /v1/}, already mapped by {@link KvPaths}, and are
 * sent exactly as given. Every call is one HTTP request, never retried here: the caller backs off.
 * A failure is a {@link VaultFailure} whose message never holds a token, a response body or a
 * secret value.
 */
public interface VaultGateway {

  /**
   * Reads a KV secret ({@code GET /v1/<apiPath>[?version=N]}) and returns the JSON text of the
   * answer's top-level {@code data} field exactly as Vault sent it (KV v2:
   * {@code {"data":{...},"metadata":{...}}}; KV v1: the key/value object), number literals and
   * all. Empty when Vault answers 404 without data or warnings. A 404 that carries data (a
   * soft-deleted or destroyed KV v2 version: {@code {"data":null,"metadata":{...}}}) is returned as
   * data; one that carries only warnings (a path that is no KV v2 API path on a KV v2 mount) as
   * the text {@code null}.
   *
   * @param version the KV v2 version to read, or {@code null}/empty for the current one
   */
  Optional<String> read(String apiPath, String version) throws VaultFailure;

  /**
   * Lists the keys under a folder ({@code GET /v1/<apiPath>?list=true}); folders end in
   * {@code /}. Empty when Vault answers 404 (nothing there); a 404 whose body is not JSON (a load
   * balancer's page) is a {@link VaultFailure.Kind#BAD_RESPONSE}. A missing trailing slash is added.
   */
  Optional<List<String>> list(String apiPathWithTrailingSlash) throws VaultFailure;

  /**
   * What the token may do on each path: one {@code POST /v1/sys/capabilities-self} with all paths
   * as a JSON array. The answer keeps the order of {@code paths}; no call for no paths.
   */
  Map<String, List<String>> capabilitiesSelf(List<String> paths) throws VaultFailure;

  /** The token as Vault sees it ({@code GET /v1/auth/token/lookup-self}). */
  TokenInfo lookupSelf() throws VaultFailure;

  /**
   * Vault's state from {@code GET /v1/sys/health} (unauthenticated, root namespace). A sealed,
   * standby or uninitialised Vault is an answer, not a failure.
   */
  Health health() throws VaultFailure;
}
