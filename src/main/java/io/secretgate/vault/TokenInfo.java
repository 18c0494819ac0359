package io.secretgate.vault;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A token as {@code auth/token/lookup-self} describes it (never the token itself).
 *
 * @param ttlSeconds remaining time to live; 0 for a token that does not expire (root)
 * @param expireTime when it expires, empty for a token that does not expire
 * @param policies its effective policies: {@code policies} then {@code identity_policies}, each once
 * @param renewable whether it can be renewed (false when Vault leaves the key out)
 * @param type {@code service} or {@code batch}
 */
public record TokenInfo(long ttlSeconds, Optional<Instant> expireTime, List<String> policies, boolean renewable, String type) {
  public TokenInfo {
    policies = List.copyOf(policies);
  }
}
