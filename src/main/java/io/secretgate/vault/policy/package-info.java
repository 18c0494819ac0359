/**
 * Vault ACL policies, offline and exact: {@link io.secretgate.vault.policy.PolicyParser} reads
 * HCL v1 or JSON policy text and refuses what Vault refuses (with line and column);
 * {@link io.secretgate.vault.policy.Acl} evaluates a token's policies the way vault/acl.go does
 * ({@code capabilities} = what {@code sys/capabilities-self} answers, {@code allows} = whether a
 * plain request passes); {@link io.secretgate.vault.policy.MatchOrder} selects Vault's or OpenBao's
 * order for the LIST retry without the trailing slash. Pure: JDK and Jackson only.
 */
package io.secretgate.vault.policy;
