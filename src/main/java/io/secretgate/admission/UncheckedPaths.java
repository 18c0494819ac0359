package io.secretgate.admission;

import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.validation.Store;
import io.secretgate.validation.VaultPathUse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy oracle for one admission request that notes every store whose policy answer cannot be
 * had ({@link PolicyUnavailableException}) instead of failing the whole check, so that the check
 * still reports everything else. For such a store it answers {@code root} on each path, which lets
 * the check go on without a violation for those paths; the admission decision then warns or
 * refuses for exactly the paths noted here (never silently). One instance per request.
 *
 * <p>It also keeps the request within its deadline: the first store is always asked, each further
 * one only while the oracle's {@linkplain PolicyOracle#longestAsk() longest ask} still fits before
 * the deadline; a store not asked in time is noted like one whose Vault cannot be reached. Where
 * even the first ask could outlast the request (a timeout of 1 or 2 s against an ask of 2 s), it is
 * waited for only until {@link #RESERVE} before the request ends ({@link BoundedAsks}); where the
 * deadline leaves no more than one ask, each further store is asked the same way while time is left. A webhook
 * answering after kube-apiserver's timeout is a failed call, which {@code failurePolicy: Fail} turns
 * into a refusal even where on-vault-unavailable says warn.
 */
final class UncheckedPaths implements PolicyOracle {
  /** A store whose token could not be asked about {@code paths}, and why. */
  record Unchecked(Store store, List<String> paths, String reason) {}

  /** Kept free at the very end of a request, after a bounded first ask, to finish the check and send the answer. */
  static final Duration RESERVE = Duration.ofMillis(500);

  private final PolicyOracle delegate;
  private final RequestClock time;
  private final BoundedAsks asks;
  private final List<Unchecked> unchecked = new ArrayList<>();
  private boolean asked;

  UncheckedPaths(PolicyOracle delegate, RequestClock time, BoundedAsks asks) {
    this.delegate = delegate;
    this.time = time;
    this.asks = asks;
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
    return capabilities(store, null, paths);
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, String namespace, List<String> paths) {
    Duration ask = delegate.longestAsk();
    Instant now = time.clock().instant();
    Duration budget = Duration.between(now, time.end()).minus(RESERVE);
    if (!ask.isZero() && tooLateToAsk(now, budget, ask)) {
      return notChecked(store, paths, "Vault not asked: too little of the request's " + seconds(time.timeout()) + " timeout was left (an ask may take "
          + seconds(ask) + ")");
    }
    asked = true;
    try {
      if (ask.isZero() || budget.compareTo(ask) >= 0) return delegate.capabilities(store, namespace, paths);
      return asks.within(budget, time.timeout(), () -> delegate.capabilities(store, namespace, paths));
    } catch (PolicyUnavailableException e) {
      return notChecked(store, paths, e.getMessage() == null ? "no reason given" : e.getMessage());
    }
  }

  /**
   * Whether Vault is not asked any more: no time is left before {@link #RESERVE}, or, after the first
   * store and where the deadline leaves room for more than one ask, an ask would run past the deadline.
   */
  private boolean tooLateToAsk(Instant now, Duration budget, Duration ask) {
    if (budget.compareTo(Duration.ZERO) <= 0) return true;
    return asked && roomForMoreThanOneAsk(ask) && Duration.between(now, time.deadline()).compareTo(ask) < 0;
  }

  /**
   * Whether the deadline leaves more than one {@code ask} from the start of the request. Where it does
   * not (a timeout of 4 s or less against an ask of 2 s), no further store could be asked by the
   * deadline once any time has passed; each is then asked while time is left before
   * {@link #RESERVE}, waited for as the first one is.
   */
  private boolean roomForMoreThanOneAsk(Duration ask) {
    return Duration.between(time.start(), time.deadline()).compareTo(ask) > 0;
  }

  @Override
  public Optional<String> condition(Store store, VaultPathUse use) {
    return delegate.condition(store, use);
  }

  @Override
  public Optional<String> exactDeny(Store store, VaultPathUse use) {
    return delegate.exactDeny(store, use);
  }

  @Override
  public String unknownPolicyWarning(Store store) {
    return delegate.unknownPolicyWarning(store);
  }

  /** The stores whose paths were not checked, in the order they were asked about. */
  List<Unchecked> unchecked() {
    return List.copyOf(unchecked);
  }

  private Optional<Map<String, List<String>>> notChecked(Store store, List<String> paths, String reason) {
    unchecked.add(new Unchecked(store, List.copyOf(paths), reason));
    Map<String, List<String>> notChecked = new LinkedHashMap<>();
    for (String p : paths) notChecked.put(p, List.of("root"));
    return Optional.of(notChecked);
  }

  /** {@code d} as the messages show it: {@code 2s}, {@code 1500ms}. */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
