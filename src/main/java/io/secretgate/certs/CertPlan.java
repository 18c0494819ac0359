package io.secretgate.certs;

import io.secretgate.tls.CaBundle;
import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.ServingCertificate;
import io.secretgate.tls.Validity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pure decision of the certificate lifecycle: given what the Secret holds, the time, and
 * whether every installed webhook configuration already trusts the Secret's bundle, what the
 * Secret should hold next. One step at a time, so that every step is written (and published)
 * before the next is taken:
 *
 * <ol>
 *   <li>missing or unusable content: a new CA and serving certificate (only a new serving
 *       certificate when the stored CA still reads and is valid, so caBundle stays as it is);
 *   <li>2/3 of the CA's lifetime passed: stage the next CA, in the bundle beside the current one;
 *   <li>the bundle with both has been trusted by every webhook for {@link CertPolicy#caPropagation()}
 *       (a webhook found without the next CA starts that wait again once it is patched back in): the
 *       serving certificate switches to the next CA (the old CA stays in the bundle);
 *   <li>{@link CertPolicy#dropOldCaAfter()} after the switch: the old CA leaves the bundle;
 *   <li>2/3 of the serving certificate's lifetime passed (or it is not valid now, or does not name
 *       the service): a new serving certificate from the current CA.
 * </ol>
 */
public final class CertPlan {
  /** What a decision does. */
  public enum Kind { KEEP, CREATE, REGENERATE, REISSUE_SERVING, STAGE_CA, REPUBLISH_NEXT_CA, NEXT_CA_PUBLISHED, SWITCH_CA, DROP_OLD_CA, REPAIR_BUNDLE, ROTATE_SERVING }

  /** What the Secret holds now. */
  public sealed interface Stored permits Missing, Unusable, Usable {}

  public record Missing() implements Stored {}

  /** @param ca the stored CA when it still reads (then only the serving certificate is broken) */
  public record Unusable(String reason, Optional<CertificateAuthority> ca) implements Stored {
    public Unusable(String reason) {
      this(reason, Optional.empty());
    }
  }

  public record Usable(CertState state) implements Stored {}

  /**
   * A decision: {@code state} is what the Secret should hold (the current state for {@link Kind#KEEP}).
   *
   * @param reason a log line's worth of why, naming no key material
   */
  public record Decision(Kind kind, CertState state, String reason) {
    public boolean changes() {
      return kind != Kind.KEEP;
    }
  }

  private CertPlan() {}

  /**
   * @param published whether every installed webhook configuration's caBundle holds every CA of the stored bundle
   */
  public static Decision decide(Stored stored, Instant now, boolean published, CertPolicy policy) {
    if (stored instanceof Missing) return new Decision(Kind.CREATE, fresh(now, policy), "no certificate Secret yet");
    if (stored instanceof Unusable u) {
      Optional<CertificateAuthority> ca = u.ca().filter(c -> Validity.check(c.keyMaterial(), now, Duration.ZERO).servable());
      if (ca.isPresent()) {
        return new Decision(Kind.REISSUE_SERVING, CertState.single(ca.get(), issue(ca.get(), now, policy)), "unusable content: " + u.reason());
      }
      return new Decision(Kind.REGENERATE, fresh(now, policy), "unusable content: " + u.reason());
    }
    CertState s = ((Usable) stored).state();
    if (!Validity.check(s.ca().keyMaterial(), now, Duration.ZERO).servable()) {
      return new Decision(Kind.REGENERATE, fresh(now, policy), "the CA is not valid at " + now);
    }
    if (s.next().isPresent()) {
      Optional<Decision> switched = switchCa(s, now, published, policy);
      if (switched.isPresent()) return switched.get();
    } else if (rotationDue(s.ca().certificate(), now)) {
      CertificateAuthority next = newCa(now, policy);
      List<X509Certificate> bundle = CaBundle.merge(s.bundle(), List.of(next.certificate()), now);
      return new Decision(Kind.STAGE_CA, new CertState(s.ca(), s.serving(), bundle, Optional.of(next), Optional.of(now), s.switchedAt()),
          "2/3 of the CA's lifetime has passed; publishing the next CA beside it");
    }
    if (s.switchedAt().isPresent() && !now.isBefore(s.switchedAt().get().plus(policy.dropOldCaAfter()))) {
      return new Decision(Kind.DROP_OLD_CA, new CertState(s.ca(), s.serving(), expectedBundle(s, List.of()), s.next(), s.stagedAt(), Optional.empty()),
          "the serving certificate switched CA at " + s.switchedAt().get() + "; dropping the old CA from the bundle");
    }
    List<X509Certificate> repaired = CaBundle.merge(s.bundle(), expectedBundle(s, List.of()), now);
    if (!sameCertificates(repaired, s.bundle())) {
      return new Decision(Kind.REPAIR_BUNDLE, new CertState(s.ca(), s.serving(), repaired, s.next(), s.stagedAt(), s.switchedAt()),
          "the stored bundle lacks a CA in use, or holds an expired one");
    }
    Optional<String> servingProblem = servingProblem(s, now, policy);
    if (servingProblem.isPresent()) {
      KeyMaterial serving = issue(s.ca(), now, policy);
      return new Decision(Kind.ROTATE_SERVING, new CertState(s.ca(), serving, s.bundle(), s.next(), s.stagedAt(), s.switchedAt()),
          servingProblem.get());
    }
    return new Decision(Kind.KEEP, s, "up to date");
  }

  /** Whether 2/3 of the certificate's lifetime has passed at {@code now}. */
  public static boolean rotationDue(X509Certificate cert, Instant now) {
    return !now.isBefore(rotationAt(cert));
  }

  /** The instant 2/3 of the certificate's lifetime has passed. */
  public static Instant rotationAt(X509Certificate cert) {
    Instant from = cert.getNotBefore().toInstant();
    Duration life = Duration.between(from, cert.getNotAfter().toInstant());
    return from.plusMillis((long) (life.toMillis() * CertPolicy.ROTATE_AT));
  }

  /**
   * With a next CA staged: {@code stagedAt} holds since when every webhook trusts it. A pass that finds
   * a webhook without it clears that moment (before the bundle is patched in again), a pass that finds
   * it trusted everywhere sets it, and the switch waits {@link CertPolicy#caPropagation()} from there.
   */
  private static Optional<Decision> switchCa(CertState s, Instant now, boolean published, CertPolicy policy) {
    if (!published && s.stagedAt().isPresent()) {
      return Optional.of(new Decision(Kind.REPUBLISH_NEXT_CA, new CertState(s.ca(), s.serving(), s.bundle(), s.next(), Optional.empty(), s.switchedAt()),
          "a webhook's caBundle lacks the next CA; publishing it again before the serving certificate switches to it"));
    }
    if (!published) return Optional.empty();
    if (s.stagedAt().isEmpty()) {
      return Optional.of(new Decision(Kind.NEXT_CA_PUBLISHED, new CertState(s.ca(), s.serving(), s.bundle(), s.next(), Optional.of(now), s.switchedAt()),
          "every webhook trusts the next CA; the serving certificate switches to it at " + now.plus(policy.caPropagation())));
    }
    if (now.isBefore(s.stagedAt().get().plus(policy.caPropagation()))) return Optional.empty();
    CertificateAuthority next = s.next().orElseThrow();
    KeyMaterial serving = issue(next, now, policy);
    List<X509Certificate> bundle = CaBundle.merge(s.bundle(), List.of(next.certificate()), now);
    return Optional.of(new Decision(Kind.SWITCH_CA, new CertState(next, serving, bundle, Optional.empty(), Optional.empty(), Optional.of(now)),
        "the bundle with the next CA is published; serving a certificate it signed"));
  }

  private static Optional<String> servingProblem(CertState s, Instant now, CertPolicy policy) {
    KeyMaterial serving = s.serving();
    if (!Validity.check(serving, now, Duration.ZERO).servable()) return Optional.of("the serving certificate is not valid at " + now);
    if (!policy.dnsNames().stream().allMatch(n -> Validity.coversHost(serving, n))) {
      return Optional.of("the serving certificate does not name " + policy.dnsNames());
    }
    if (rotationDue(serving.certificate(), now)) return Optional.of("2/3 of the serving certificate's lifetime has passed");
    return Optional.empty();
  }

  /** The CA in use, then the staged one: what the bundle must hold at least (and, after the old CA is dropped, exactly). */
  private static List<X509Certificate> expectedBundle(CertState s, List<X509Certificate> more) {
    List<X509Certificate> bundle = new ArrayList<>(List.of(s.ca().certificate()));
    s.next().ifPresent(n -> bundle.add(n.certificate()));
    bundle.addAll(more);
    return bundle;
  }

  private static boolean sameCertificates(List<X509Certificate> a, List<X509Certificate> b) {
    return a.equals(b);
  }

  private static CertState fresh(Instant now, CertPolicy policy) {
    CertificateAuthority ca = newCa(now, policy);
    return CertState.single(ca, issue(ca, now, policy));
  }

  private static CertificateAuthority newCa(Instant now, CertPolicy policy) {
    return CertificateAuthority.generate("secretgate-webhook-ca-" + now.getEpochSecond(), now.minus(policy.backdate()),
        policy.caValidity().plus(policy.backdate()));
  }

  private static KeyMaterial issue(CertificateAuthority ca, Instant now, CertPolicy policy) {
    Instant from = now.minus(policy.backdate());
    Duration wanted = policy.servingValidity().plus(policy.backdate());
    Duration left = Duration.between(from, ca.certificate().getNotAfter().toInstant());
    return ServingCertificate.issue(ca, policy.dnsNames(), from, wanted.compareTo(left) > 0 ? left : wanted);
  }
}
