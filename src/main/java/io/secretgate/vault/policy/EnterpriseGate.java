package io.secretgate.vault.policy;

/**
 * A Vault Enterprise check a path block can put on a request that its capabilities allow; an
 * offline evaluator cannot tell whether it is met, so such a request is only conditionally allowed
 * (vault-facts §2). Vault Community Edition ignores both.
 */
public enum EnterpriseGate {
  /** {@code mfa_methods}: the request must carry MFA credentials, else Vault refuses it. */
  MFA,
  /**
   * {@code control_group}: the request is answered with a wrapping token until enough approvers
   * authorise it, never with the data (for the factors' {@code controlled_capabilities}, or every
   * capability when a factor names none).
   */
  CONTROL_GROUP
}
