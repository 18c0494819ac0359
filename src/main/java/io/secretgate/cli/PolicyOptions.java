package io.secretgate.cli;

import io.secretgate.manifest.ReadFailure;
import io.secretgate.validation.AclPolicyOracle;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.vault.DriverVaultGateway;
import io.secretgate.vault.VaultConnection;
import io.secretgate.vault.VaultFailure;
import io.secretgate.vault.VaultGateway;
import io.secretgate.vault.policy.Acl;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the policy answers come from: policy files (offline) or Vault (online). */
public final class PolicyOptions {
  private static final Duration VAULT_TIMEOUT = Duration.ofSeconds(10);
  /** What {@code --vault-addr} must be, said both when it does not parse and when its scheme is another. */
  private static final String EXPECTED_HTTP = "expected an http:// or https:// address";

  @Option(names = "--policy", paramLabel = "FILE", description = "A Vault policy file (HCL or JSON) held by the token of every store; repeatable.")
  List<Path> policies = new ArrayList<>();

  @Option(names = "--store-policy", paramLabel = "STORE=FILE[,FILE]",
      description = "Policy files held by the token of one store (NAME, ClusterSecretStore/NAME, SecretStore/NAME or SecretStore/NS/NAME); repeatable.")
  List<String> storePolicies = new ArrayList<>();

  @Option(names = "--vault-addr", paramLabel = "URL", converter = VaultAddressConverter.class, description = "Ask this Vault (sys/capabilities-self) instead of reading policy files.")
  URI vaultAddr;

  @Option(names = "--vault-token-file", paramLabel = "FILE", description = "File holding the Vault token to ask with (with --vault-addr).")
  Path vaultTokenFile;

  private static final Pattern STORE_KEY = Pattern.compile("[^/]+|(ClusterSecretStore|SecretStore)/[^/]+|SecretStore/[^/]+/[^/]+");

  private AclPolicyOracle files;

  PolicyOracle oracle() {
    if (vaultAddr != null) {
      if (!policies.isEmpty() || !storePolicies.isEmpty()) {
        throw new InputException("--vault-addr asks Vault what each store's token may do: give it without --policy and --store-policy");
      }
      return online();
    }
    if (vaultTokenFile != null) throw new InputException("--vault-token-file needs --vault-addr (the Vault to ask with that token)");
    if (policies.isEmpty() && storePolicies.isEmpty()) return PolicyOracle.none();
    Optional<Acl> all = policies.isEmpty() ? Optional.empty() : Optional.of(Acl.of(PolicyLoading.load(policies)));
    Map<String, Acl> perStore = new HashMap<>();
    for (String sp : storePolicies) {
      int eq = sp.indexOf('=');
      if (eq <= 0 || eq == sp.length() - 1) throw new InputException("--store-policy " + sp + ": expected STORE=FILE[,FILE]");
      String store = sp.substring(0, eq);
      if (!STORE_KEY.matcher(store).matches()) {
        throw new InputException("--store-policy " + sp + ": STORE must be NAME, ClusterSecretStore/NAME, SecretStore/NAME or SecretStore/NS/NAME");
      }
      List<String> names = Arrays.asList(sp.substring(eq + 1).split(",", -1)); // -1: a trailing empty name (FILE,$UNSET) is kept, to be refused
      // Path.of("") is the working directory: ": is a directory" named no file
      if (names.contains("")) throw new InputException("--store-policy " + sp + ": an empty file name in FILE[,FILE]");
      List<Path> files = names.stream().map(Path::of).toList();
      perStore.put(store, Acl.of(PolicyLoading.load(files)));
    }
    return files = new AclPolicyOracle(all, perStore);
  }

  /**
   * After a run: one line per {@code --store-policy} STORE that matched no store the documents use
   * (its files were not used; a typo there would otherwise pass silently, with {@code --policy}'s answer).
   */
  List<String> unusedStorePolicies() {
    if (files == null) return List.of();
    return files.unusedStoreKeys().stream()
        .map(k -> "warning: --store-policy " + k + " matched no store the documents use; its policy files were not used").toList();
  }

  private PolicyOracle online() {
    if (vaultTokenFile == null) throw new InputException("--vault-addr needs --vault-token-file");
    String token;
    try {
      token = Files.readString(vaultTokenFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new InputException(vaultTokenFile + ": cannot read the Vault token file (" + ReadFailure.reason(vaultTokenFile, e) + ")");
    }
    // asked with, it was refused at the first ExternalSecret as "Vault POST sys/capabilities-self: the Vault token is empty"
    if (token.isEmpty()) throw new InputException(vaultTokenFile + ": the Vault token file is empty");
    String scheme = vaultAddr.getScheme() == null ? "" : vaultAddr.getScheme();
    if (!scheme.equals("http") && !scheme.equals("https") || vaultAddr.getHost() == null) {
      throw new InputException("--vault-addr " + vaultAddr + ": " + EXPECTED_HTTP);
    }
    Map<String, VaultGateway> byNamespace = new HashMap<>();
    return (store, paths) -> {
      String namespace = store.spec().provider.vault.namespace;
      VaultGateway vault = byNamespace.computeIfAbsent(namespace == null ? "" : namespace,
          ns -> new DriverVaultGateway(new VaultConnection(vaultAddr, ns, Optional.empty(), () -> token, VAULT_TIMEOUT)));
      try {
        return Optional.of(vault.capabilitiesSelf(paths));
      } catch (VaultFailure e) {
        throw new PolicyUnavailableException(e.getMessage());
      }
    };
  }

  /** A URL, said in words when it does not parse (picocli's own message names Java's exception). */
  static final class VaultAddressConverter implements CommandLine.ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        return new URI(value);
      } catch (URISyntaxException e) {
        // "127.0.0.1:8200" reads as scheme "127.0.0.1", which Java calls an illegal character
        if (!value.contains("://")) throw new CommandLine.TypeConversionException(EXPECTED_HTTP + ", e.g. https://" + value);
        String at = e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "";
        String reason = e.getReason();
        throw new CommandLine.TypeConversionException("not a valid URL: " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1) + at);
      }
    }
  }
}
