/**
 * Vault, online and offline. {@link io.secretgate.vault.KvPaths} maps an ESO key to the API path
 * it reads. {@link io.secretgate.vault.VaultGateway} is the port the controller, store readiness
 * and the CLI call Vault through; {@link io.secretgate.vault.DriverVaultGateway} implements it on
 * vault-java-driver for one {@link io.secretgate.vault.VaultConnection}. Every failure is a
 * {@link io.secretgate.vault.VaultFailure} of one {@link io.secretgate.vault.VaultFailure.Kind},
 * decided in one place ({@code VaultAnswers}); its message names the call, the API path and the
 * HTTP status, never a token, a response body or a secret value. The ACL evaluator lives in
 * {@code vault.policy}.
 */
package io.secretgate.vault;
