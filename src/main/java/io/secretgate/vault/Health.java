package io.secretgate.vault;

/**
 * Vault's state as {@code sys/health} reports it (vault-facts.md §3.6).
 *
 * @param standby true for any node that is not the active one (standby, performance standby,
 *     DR secondary)
 */
public record Health(boolean initialized, boolean sealed, boolean standby) {}
