package io.secretgate.vault;

import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonArray;
import io.secretgate.vault.VaultFailure.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLException;

/**
 * {@link VaultGateway} on vault-java-driver. The driver is set up so that it sends our paths
 * untouched (KV engine version 1: no {@code data/}/{@code metadata/} insertion), never retries,
 * never reads {@code VAULT_*} environment variables, and sends through an HTTP client of ours
 * that applies the timeout and TLS trust of the {@link VaultConnection} and keeps the raw answer.
 * The answer is then read by {@link VaultAnswers}; the driver's exceptions, whose messages hold
 * response bodies, are dropped.
 *
 * <p>Thread-safe; make one per store and keep it (it holds the HTTP connection pool). A token
 * supplier that throws makes the call throw the same exception.
 */
public final class DriverVaultGateway implements VaultGateway {
  private static final String CAPABILITIES_SELF = "sys/capabilities-self";
  private static final String LOOKUP_SELF = "auth/token/lookup-self";
  private static final String HEALTH = "sys/health";

  /** The process's proxy variables ({@link EnvironmentProxy}), given once by the entry point; none until then. */
  private static volatile Map<String, String> proxyVariables = Map.of();

  private final VaultConnection connection;
  private final HttpClient http;
  private final Clock clock;
  /** The proxy calls go through, for messages ({@link EnvironmentProxy#describeFor}). */
  private final Optional<String> via;

  /**
   * @throws InvalidCaBundleException when the connection's CA bundle holds no certificate
   */
  public DriverVaultGateway(VaultConnection connection) {
    this(connection, Clock.systemUTC());
  }

  /** Makes every gateway made from now on honour {@code env}'s HTTPS_PROXY, HTTP_PROXY and NO_PROXY (the process environment, from main). */
  public static void useProxyVariables(Map<String, String> env) {
    proxyVariables = Map.copyOf(env);
  }

  /** With the clock that dates answers (a {@code Retry-After} date is relative to it). */
  public DriverVaultGateway(VaultConnection connection, Clock clock) {
    this(connection, clock, proxyVariables);
  }

  /**
   * @param env where {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} are read ({@link EnvironmentProxy})
   * @throws InvalidConnectionException when they name a proxy that cannot be used
   */
  DriverVaultGateway(VaultConnection connection, Clock clock, Map<String, String> env) {
    this.connection = connection;
    this.clock = clock;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectBudget(connection.timeout()))
        .followRedirects(HttpClient.Redirect.NORMAL);
    CaBundle.sslContext(connection.caBundlePem(), connection.clientCertificate()).ifPresent(builder::sslContext);
    Optional<EnvironmentProxy> proxy = EnvironmentProxy.from(env);
    proxy.ifPresent(builder::proxy);
    this.via = proxy.flatMap(p -> p.describeFor(connection.server()));
    this.http = builder.build();
  }

  /**
   * How long the connection may take: the timeout less a tenth (at most a second). The call's
   * deadline starts a moment before the JDK's connect timer; with the whole timeout for both, the
   * deadline always came first, and a Vault that never took the connection (a firewall or network
   * policy dropping packets, an address nothing answers at) read as "no answer". A connection made
   * in that last tenth would have had next to no time for the answer anyway.
   */
  static Duration connectBudget(Duration timeout) {
    Duration margin = timeout.dividedBy(10);
    return timeout.minus(margin.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : margin);
  }

  @Override
  public Optional<String> read(String apiPath, String version) throws VaultFailure {
    VaultCall call = new VaultCall("GET", apiPath);
    String target = ApiPaths.escape(apiPath) + versionQuery(call, version);
    Answer answer = exchange(call, true, vault -> vault.logical().withNameSpace(connection.namespace()).read(target));
    return VaultAnswers.readData(call, answer);
  }

  @Override
  public Optional<List<String>> list(String apiPathWithTrailingSlash) throws VaultFailure {
    String dir = apiPathWithTrailingSlash.endsWith("/") ? apiPathWithTrailingSlash : apiPathWithTrailingSlash + "/";
    VaultCall call = new VaultCall("LIST", dir);
    Answer answer = exchange(call, true, vault -> vault.logical().withNameSpace(connection.namespace()).list(ApiPaths.escape(dir)));
    return VaultAnswers.listKeys(call, answer);
  }

  @Override
  public Map<String, List<String>> capabilitiesSelf(List<String> paths) throws VaultFailure {
    if (paths.isEmpty()) return Map.of();
    VaultCall call = new VaultCall("POST", CAPABILITIES_SELF);
    JsonArray array = new JsonArray();
    paths.forEach(array::add);
    Map<String, Object> body = Map.of("paths", array);
    Answer answer = exchange(call, true, vault -> vault.logical().withNameSpace(connection.namespace()).write(CAPABILITIES_SELF, body));
    return VaultAnswers.capabilities(call, answer, paths);
  }

  @Override
  public TokenInfo lookupSelf() throws VaultFailure {
    VaultCall call = new VaultCall("GET", LOOKUP_SELF);
    Answer answer = exchange(call, true, vault -> vault.auth().withNameSpace(connection.namespace()).lookupSelf());
    return VaultAnswers.tokenInfo(call, answer);
  }

  /** Unauthenticated and root-only in Vault: sent without the token and without the namespace. */
  @Override
  public Health health() throws VaultFailure {
    VaultCall call = new VaultCall("GET", HEALTH);
    Answer answer = exchange(call, false, vault -> vault.debug().withNameSpace(null).health());
    return VaultAnswers.health(call, answer);
  }

  private interface DriverCall {
    void run(Vault vault) throws VaultException;
  }

  /** One request through the driver; the raw answer, or the failure of getting none. */
  private Answer exchange(VaultCall call, boolean withToken, DriverCall op) throws VaultFailure {
    String token = withToken ? usableToken(call) : null;
    CapturingHttpClient capture = new CapturingHttpClient(http, connection.timeout(), clock, connection.headers());
    try {
      op.run(Vault.create(driverConfig(token, capture)).withRetries(0, 0));
    } catch (VaultException | RuntimeException e) {
      // The driver turns 5xx into exceptions whose message holds the body: read the capture instead.
    }
    Optional<Answer> answer = capture.answer();
    if (answer.isPresent()) return answer.get();
    throw noAnswer(call, capture.failure());
  }

  private VaultConfig driverConfig(String token, HttpClient client) throws VaultException {
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (connection.timeout().toMillis() + 999) / 1000));
    return new VaultConfig()
        .environmentLoader(NoEnvironment.INSTANCE)
        .address(connection.server().toString())
        .token(token)
        .engineVersion(1)
        .openTimeout(seconds)
        .readTimeout(seconds)
        .httpClient(client)
        .build();
  }

  /** The token for this call; one a header cannot carry is refused here, without sending it. */
  private String usableToken(VaultCall call) throws VaultFailure {
    String token = connection.currentToken();
    if (token.isEmpty()) throw new VaultFailure(Kind.PERMISSION_DENIED, call.describe() + ": the Vault token is empty");
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new VaultFailure(Kind.PERMISSION_DENIED, call.describe() + ": the Vault token contains non-printable characters");
      }
    }
    return token;
  }

  private static String versionQuery(VaultCall call, String version) throws VaultFailure {
    if (version == null || version.isBlank()) return "";
    String v = version.strip();
    if (!v.matches("-?[0-9]{1,18}")) {
      throw new VaultFailure(Kind.BAD_RESPONSE, call.describe() + ": the version is not a whole number (Vault answers HTTP 400)");
    }
    return "?version=" + v;
  }

  private VaultFailure noAnswer(VaultCall call, Optional<Exception> failure) {
    String at = "cannot reach Vault at " + connection.displayAddress() + via.map(v -> " through " + v).orElse("");
    if (failure.isEmpty()) {
      return new VaultFailure(Kind.BAD_RESPONSE, call.describe() + ": the request could not be formed");
    }
    Exception e = failure.get();
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new VaultFailure(Kind.UNAVAILABLE, call.describe() + ": interrupted while waiting for Vault at " + connection.displayAddress());
    }
    return new VaultFailure(Kind.UNAVAILABLE, call.describe() + ": " + at + " (" + reason(e) + ")", OptionalInt.empty(), Optional.empty());
  }

  private String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) return "no connection within " + human(connection.timeout());
      if (t instanceof HttpTimeoutException) return "no answer within " + human(connection.timeout());
      if (t instanceof ConnectException) return "connection refused";
      if (t instanceof SSLException) return "TLS handshake failed";
    }
    return e instanceof IOException ? "connection failed" : "request failed";
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** The driver reads VAULT_ADDR, VAULT_TOKEN and more when a value is missing: never here. */
  private static final class NoEnvironment extends EnvironmentLoader {
    private static final long serialVersionUID = 1L;
    static final NoEnvironment INSTANCE = new NoEnvironment();

    @Override
    public String loadVariable(String name) {
      return null;
    }
  }
}
