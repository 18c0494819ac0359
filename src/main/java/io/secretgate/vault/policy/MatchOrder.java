package io.secretgate.vault.policy;

/**
 * For a LIST (and so for every capabilities query) on a path ending in {@code /}: whether the
 * glob/{@code +} rules are first tried against the path without that slash (vault-facts §1.3 step
 * 3 before step 4), or against the path itself first.
 */
public enum MatchOrder {
  /**
   * HashiCorp Vault since GH-23874 (Oct 2023): the slash-less path first, so for {@code a/b/} a
   * shorter {@code a/*} is chosen before a longer {@code a/b/*} is considered.
   */
  VAULT,
  /**
   * OpenBao since GHSA-xp3c-3jw3-4vcr (2026): the path as asked first; the slash-less path only
   * when no glob or {@code +} rule matches it.
   */
  OPENBAO
}
