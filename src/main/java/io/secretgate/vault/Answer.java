package io.secretgate.vault;

import java.time.Instant;
import java.util.Optional;

/**
 * What Vault answered to one call, as it came over the wire.
 *
 * @param retryAfter the {@code Retry-After} header, if sent
 * @param body the body decoded as UTF-8 (empty when there was none)
 * @param receivedAt when the answer arrived (a {@code Retry-After} date is relative to it)
 */
record Answer(int status, Optional<String> retryAfter, String body, Instant receivedAt) {}
