package io.secretgate.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time of one admission request: the clock, when asking Vault must be over, and the request's
 * timeout (for messages).
 */
record RequestClock(Clock clock, Instant deadline, Duration timeout) {}
