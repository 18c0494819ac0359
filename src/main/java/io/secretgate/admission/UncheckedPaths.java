package io.secretgate.admission;

import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.validation.Store;
import io.secretgate.validation.VaultPathUse;
import java.time.Duration;
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
 * the deadline; a store not asked in time is noted like one whose Vault cannot be reached. A webhook answering after kube-apiserver's
 * timeout is a failed call, which {@code failurePolicy: Fail} turns into a refusal even where
 * on-vault-unavailable says warn.
 */
final class UncheckedPaths implements PolicyOracle {
  /** A store whose token could not be asked about {@code paths}, and why. */
  record Unchecked(Store store, List<String> paths, String reason) {}

  private final PolicyOracle delegate;
  private final RequestClock time;
  private final List<Unchecked> unchecked = new ArrayList<>();
  private boolean asked;

  UncheckedPaths(PolicyOracle delegate, RequestClock time) {
    this.delegate = delegate;
    this.time = time;
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
    return capabilities(store, null, paths);
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, String namespace, List<String> paths) {
    Duration ask = delegate.longestAsk();
    if (asked && !ask.isZero() && Duration.between(time.clock().instant(), time.deadline()).compareTo(ask) < 0) {
      return notChecked(store, paths, "Vault not asked: too little of the request's " + seconds(time.timeout()) + " timeout was left (an ask may take "
          + seconds(ask) + ")");
    }
    asked = true;
    try {
      return delegate.capabilities(store, namespace, paths);
    } catch (PolicyUnavailableException e) {
      return notChecked(store, paths, e.getMessage() == null ? "no reason given" : e.getMessage());
    }
  }

  @Override
  public Optional<String> condition(Store store, VaultPathUse use) {
    return delegate.condition(store, use);
  }

  @Override
  public Optional<String> exactDeny(Store store, VaultPathUse use) {
    return delegate.exactDeny(store, use);
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

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
