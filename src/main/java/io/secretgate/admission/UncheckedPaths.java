package io.secretgate.admission;

import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.validation.Store;
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
 */
final class UncheckedPaths implements PolicyOracle {
  /** A store whose token could not be asked about {@code paths}, and why. */
  record Unchecked(Store store, List<String> paths, String reason) {}

  private final PolicyOracle delegate;
  private final List<Unchecked> unchecked = new ArrayList<>();

  UncheckedPaths(PolicyOracle delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
    try {
      return delegate.capabilities(store, paths);
    } catch (PolicyUnavailableException e) {
      unchecked.add(new Unchecked(store, List.copyOf(paths), e.getMessage() == null ? "no reason given" : e.getMessage()));
      Map<String, List<String>> notChecked = new LinkedHashMap<>();
      for (String p : paths) notChecked.put(p, List.of("root"));
      return Optional.of(notChecked);
    }
  }

  /** The stores whose paths were not checked, in the order they were asked about. */
  List<Unchecked> unchecked() {
    return List.copyOf(unchecked);
  }
}
