package io.secretgate.vault.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ACL a Vault token with a given set of policies gets (vault/acl.go): exact, prefix and
 * segment-wildcard rules in three tables, merged only when their patterns are identical, and looked
 * up exactly as Vault does for each request.
 */
public final class Acl {
  private static final List<String> DENY = List.of(Capability.DENY.wireName());
  private static final List<String> ROOT = List.of("root");

  private final boolean root;
  private final MatchOrder order;
  private final Map<String, Grant> exact;
  private final Map<String, Grant> prefix;
  /** The lengths of the prefix table's keys, longest first: the only lengths a longest-prefix match can have. */
  private final int[] prefixLengths;
  private final List<SegmentRule> segment;

  private Acl(boolean root, MatchOrder order, Map<String, Grant> exact, Map<String, Grant> prefix,
      List<SegmentRule> segment) {
    this.root = root;
    this.order = order;
    this.exact = exact;
    this.prefix = prefix;
    this.prefixLengths = prefix.keySet().stream().mapToInt(String::length).distinct().map(l -> -l).sorted().map(l -> -l).toArray();
    this.segment = segment;
  }

  /** The ACL with Vault's lookup order. */
  public static Acl of(Collection<Policy> policies) {
    return of(policies, MatchOrder.VAULT);
  }

  /**
   * The ACL of a token holding {@code policies}. A policy named {@code root} makes it the root ACL
   * (Vault itself refuses root together with other policies; here root simply wins).
   */
  public static Acl of(Collection<Policy> policies, MatchOrder order) {
    Objects.requireNonNull(order, "order");
    boolean root = policies.stream().anyMatch(Policy::isRoot);
    Map<String, Grant> exact = new HashMap<>();
    Map<String, Grant> prefix = new HashMap<>();
    Map<String, Grant> segment = new LinkedHashMap<>();
    for (Policy policy : policies) {
      for (PathRule rule : policy.rules()) {
        Map<String, Grant> table = switch (rule.kind()) {
          case EXACT -> exact;
          case PREFIX -> prefix;
          case SEGMENT_WILDCARD -> segment;
        };
        Grant existing = table.get(rule.tableKey());
        if (existing == null) {
          table.put(rule.tableKey(), new Grant(rule));
        } else {
          existing.merge(rule);
        }
      }
    }
    List<SegmentRule> segmentRules = new ArrayList<>();
    segment.forEach((pattern, grant) -> segmentRules.add(new SegmentRule(pattern, grant)));
    return new Acl(root, order, exact, prefix, List.copyOf(segmentRules));
  }

  /**
   * The path {@code sys/capabilities-self} actually looks up (and answers under) for a queried
   * path: trimmed of surrounding white space, as Vault's comma-string-slice field does.
   */
  public static String queryPath(String path) {
    return GoStrings.trimSpace(path);
  }

  public MatchOrder matchOrder() {
    return order;
  }

  /**
   * What {@code sys/capabilities-self} answers for {@code path}: the path is trimmed of surrounding
   * white space and looked up with LIST semantics; the capability names come sorted,
   * {@code ["deny"]} when nothing (or deny) applies, {@code ["root"]} for the root ACL.
   */
  public List<String> capabilities(String path) {
    if (root) {
      return ROOT;
    }
    Optional<Grant> grant = lookup(queryPath(path), true);
    if (grant.isEmpty() || grant.get().isDeny()) {
      return DENY;
    }
    TreeSet<String> names = new TreeSet<>();
    grant.get().capabilities().forEach(capability -> names.add(capability.wireName()));
    return names.isEmpty() ? DENY : List.copyOf(names);
  }

  /**
   * Whether a request needing {@code capability} on {@code path} passes the ACL, as a request with
   * no parameters and no response wrapping. {@link Capability#LIST} uses LIST semantics (the
   * trailing-slash fallbacks); every other capability is looked up as a plain request on exactly
   * this path. {@link Capability#SUDO} and {@link Capability#SUBSCRIBE} ask whether the bit is
   * granted; {@link Capability#DENY} is never "allowed". The root ACL allows everything else.
   */
  public boolean allows(Capability capability, String path) {
    return allows(capability, path, Set.of());
  }

  /**
   * As {@link #allows(Capability, String)}, for a request that sends the parameters named
   * {@code parameters} (e.g. {@code version} in a KV v2 read's query): the rule's required
   * parameters are met when each, lower-cased, is one of them, as Vault checks them.
   */
  public boolean allows(Capability capability, String path, Set<String> parameters) {
    Objects.requireNonNull(capability, "capability");
    if (capability == Capability.DENY) {
      return false;
    }
    if (root) {
      return true;
    }
    Optional<Grant> grant = granting(capability, path);
    if (grant.isEmpty()) {
      return false;
    }
    if (capability == Capability.SUDO || capability == Capability.SUBSCRIBE) {
      return true;
    }
    return grant.get().admits(capability, parameters);
  }

  /**
   * The Vault Enterprise checks (MFA, a control group) that the rule granting {@code capability} on
   * {@code path} puts on the request, which no ACL answer shows and an offline evaluator cannot
   * decide; empty when the capability is not granted there, and for the root ACL.
   */
  public Set<EnterpriseGate> enterpriseGates(Capability capability, String path) {
    Objects.requireNonNull(capability, "capability");
    if (root || capability == Capability.DENY) {
      return Set.of();
    }
    return granting(capability, path).map(grant -> grant.gates(capability)).orElse(Set.of());
  }

  /** The rule that applies to a request needing {@code capability} on {@code path}, if it grants that. */
  private Optional<Grant> granting(Capability capability, String path) {
    return lookup(path, capability == Capability.LIST)
        .filter(grant -> !grant.isDeny() && grant.has(capability));
  }

  /**
   * The pattern of the deny block on exactly {@code path} (one leading {@code /} stripped, as for a
   * block's path), if the ACL holds one: that deny applies to every request on the path, and a new
   * block {@code path "<path>"} would be merged into it and stay deny (vault/acl.go {@code NewACL}),
   * so no block on that same path can grant anything there. Empty for a path that is not an exact
   * pattern, for a path denied only by a glob or {@code +} rule (a block on the exact path outranks
   * those), and for the root ACL.
   */
  public Optional<String> exactDeny(String path) {
    String pattern = path.startsWith("/") ? path.substring(1) : path;
    if (root || RuleKind.of(pattern) != RuleKind.EXACT) {
      return Optional.empty();
    }
    Grant grant = exact.get(pattern);
    return grant != null && grant.isDeny() ? Optional.of(pattern) : Optional.empty();
  }

  /** vault/acl.go {@code AllowOperation}: which rule applies to a request on {@code requestPath}. */
  private Optional<Grant> lookup(String requestPath, boolean list) {
    String path = stripLeadingSlashes(requestPath);
    Grant hit = exact.get(path);
    if (hit == null && list) {
      hit = exact.get(trimOneSlash(path));
    }
    if (hit != null) {
      return Optional.of(hit);
    }
    boolean retrySlashless = list && path.endsWith("/");
    if (order == MatchOrder.VAULT && retrySlashless) {
      Optional<Grant> slashless = nonExact(trimOneSlash(path));
      if (slashless.isPresent()) {
        return slashless;
      }
    }
    Optional<Grant> direct = nonExact(path);
    if (direct.isPresent() || order == MatchOrder.VAULT || !retrySlashless) {
      return direct;
    }
    return nonExact(trimOneSlash(path));
  }

  /** vault/acl.go {@code CheckAllowedFromNonExactPaths}: the best glob or {@code +} rule, if any. */
  private Optional<Grant> nonExact(String path) {
    List<WildcardCandidate> candidates = new ArrayList<>();
    longestPrefix(path).ifPresent(candidates::add);
    if (!segment.isEmpty()) {
      String[] parts = path.split("/", -1);
      for (SegmentRule rule : segment) {
        if (rule.matches(parts)) {
          candidates.add(new WildcardCandidate(rule.shape, rule.grant));
        }
      }
    }
    return candidates.stream().max(WildcardCandidate.PRIORITY).map(WildcardCandidate::grant);
  }

  private Optional<WildcardCandidate> longestPrefix(String path) {
    for (int end : prefixLengths) {
      if (end > path.length() || end > 0 && end < path.length() && Character.isLowSurrogate(path.charAt(end))) {
        continue;
      }
      String candidate = path.substring(0, end);
      Grant grant = prefix.get(candidate);
      if (grant != null) {
        return Optional.of(WildcardCandidate.forPrefix(candidate, grant));
      }
    }
    return Optional.empty();
  }

  private static String stripLeadingSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }

  private static String trimOneSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
