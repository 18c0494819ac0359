package io.secretgate.vault.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * Parses Vault ACL policy text, HCL v1 or JSON (chosen, as HCL does, by whether the first
 * non-space character is <code>{</code>), and refuses what Vault would refuse to store.
 */
public final class PolicyParser {
  private PolicyParser() {}

  /**
   * Parses the policy {@code name} (lower-cased, as Vault stores names). The policy named
   * {@code root} is Vault's built-in root policy; its text is ignored.
   *
   * @throws PolicyParseException with the position of the first offending token
   */
  public static Policy parse(String name, String text) throws PolicyParseException {
    Objects.requireNonNull(text, "text");
    String policyName = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    if (policyName.equals(Policy.ROOT_NAME)) {
      return Policy.root();
    }
    Hcl.ObjectValue document =
        GoStrings.firstNonSpace(text) == '{' ? JsonPolicyReader.read(text) : HclReader.read(text);
    return new Policy(policyName, PolicyCompiler.compile(document));
  }
}
