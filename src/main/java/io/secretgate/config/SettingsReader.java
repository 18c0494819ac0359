package io.secretgate.config;

import io.secretgate.api.ApiPatterns;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values of {@link ServeSetting}s: a flag wins over its environment variable, which
 * wins over the default; an empty value, or one of only white space, counts as not given. A bad
 * value becomes a problem (naming where it came from) and the default is used, so that parsing goes
 * on and finds every bad value.
 */
final class SettingsReader {

  private final Map<String, String> env;
  private final Map<String, String> flags;
  private final List<String> problems = new ArrayList<>();

  SettingsReader(Map<String, String> env, Map<String, String> flags) {
    this.env = env;
    this.flags = flags;
  }

  /** A value as given, and where it was given ({@code --workers} or {@code SECRETGATE_WORKERS}). */
  record Raw(String value, String source) {
    @Override
    public String toString() {
      return SettingSources.quoted(source, value);
    }
  }

  Optional<Raw> raw(ServeSetting s) {
    String flag = flags.get(s.flag());
    if (flag != null && !flag.isBlank()) return Optional.of(new Raw(flag, s.flag()));
    String fromEnv = env.get(s.env());
    if (fromEnv != null && !fromEnv.isBlank()) return Optional.of(new Raw(fromEnv, s.env()));
    return Optional.empty();
  }

  /** Where the value of {@code s} came from, for problems that involve two settings. */
  String describe(ServeSetting s, Object value) {
    return raw(s).map(Raw::toString).orElse(s.flag() + " (default " + value + ")");
  }

  /** The flag or variable of every setting given a value. */
  SettingSources sources() {
    Map<ServeSetting, String> given = new EnumMap<>(ServeSetting.class);
    for (ServeSetting s : ServeSetting.values()) raw(s).ifPresent(r -> given.put(s, r.source()));
    return new SettingSources(given);
  }

  void problem(String text) {
    problems.add(text);
  }

  List<String> problems() {
    return problems;
  }

  String text(ServeSetting s, String def) {
    return raw(s).map(r -> r.value().trim()).orElse(def);
  }

  int integer(ServeSetting s, int def, int min, int max) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) return def;
    try {
      int v = Integer.parseInt(raw.get().value().trim());
      if (v >= min && v <= max) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(raw.get() + ": must be a whole number from " + min + " to " + max);
    return def;
  }

  /**
   * A port (0: any free one). A variable holding a Service address ({@code tcp://10.96.0.12:8080}) is the one the
   * kubelet sets for a Service named like it (service links), which the user never wrote: the problem says so.
   */
  int port(ServeSetting s, int def) {
    Optional<Raw> raw = raw(s);
    if (raw.isPresent() && raw.get().source().equals(s.env()) && ServiceLinks.isServiceAddress(raw.get().value())) {
      String service = s.env().substring(0, s.env().length() - "_PORT".length()).toLowerCase(Locale.ROOT).replace('_', '-');
      problem(raw.get() + ": must be a whole number from 0 to 65535; this is the address the kubelet sets for a Service named " + service
          + " in the Pod's namespace: set enableServiceLinks: false in the Pod spec (as the Helm chart does) or give " + s.flag());
      return def;
    }
    return integer(s, def, 0, 65535);
  }

  double positiveDecimal(ServeSetting s, double def) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) return def;
    try {
      double v = new BigDecimal(raw.get().value().trim()).doubleValue();
      if (v > 0 && Double.isFinite(v)) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(raw.get() + ": must be a number greater than 0");
    return def;
  }

  boolean bool(ServeSetting s, boolean def) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) return def;
    String v = raw.get().value().trim().toLowerCase(Locale.ROOT);
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    problem(raw.get() + ": must be true or false");
    return def;
  }

  Duration duration(ServeSetting s, Duration def, boolean zeroAllowed) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) return def;
    Optional<Duration> d = GoDuration.parse(raw.get().value().trim());
    if (d.isEmpty()) {
      problem(raw.get() + ": not a Go duration (such as 30s, 1m30s, 500ms)");
      return def;
    }
    boolean ok = zeroAllowed ? !d.get().isNegative() : d.get().compareTo(Duration.ZERO) > 0;
    if (ok) return d.get();
    problem(raw.get() + ": must be " + (zeroAllowed ? "0 or more" : "more than 0"));
    return def;
  }

  <E extends Enum<E>> E choice(ServeSetting s, Class<E> type, E def) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) return def;
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (name.equals(raw.get().value().trim().toLowerCase(Locale.ROOT).replace('_', '-'))) return e;
      names.add(name);
    }
    problem(raw.get() + ": must be one of " + String.join(", ", names));
    return def;
  }

  /** A DNS-1123 label (namespace names), or a problem. */
  String dnsLabel(ServeSetting s, String def) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) return def;
    String v = raw.get().value().trim();
    if (ApiPatterns.isDns1123Label(v)) return v;
    problem(raw.get() + ": not a valid namespace name (lower-case letters, digits and '-', at most 63)");
    return def;
  }

  /** A DNS-1123 subdomain (object names), or a problem. */
  String dnsSubdomain(ServeSetting s, String def) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) return def;
    String v = raw.get().value().trim();
    if (isDnsSubdomain(v)) return v;
    problem(raw.get() + ": not a valid object name (lower-case letters, digits, '-' and '.', at most 253)");
    return def;
  }

  /** Empty for all namespaces, else the listed ones in order, without duplicates; a list of only commas names none and is refused. */
  List<String> namespaces(ServeSetting s) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty() || raw.get().value().trim().equalsIgnoreCase("all")) return List.of();
    Set<String> names = new LinkedHashSet<>();
    List<String> bad = new ArrayList<>();
    for (String part : raw.get().value().split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) continue;
      if (ApiPatterns.isDns1123Label(name) && !name.equals("all")) names.add(name);
      else bad.add("'" + SettingSources.escaped(name) + "'");
    }
    if (!bad.isEmpty()) {
      problem(raw.get() + ": not valid namespace names: " + String.join(", ", bad)
          + " (use 'all' alone for the whole cluster)");
    } else if (names.isEmpty()) {
      problem(raw.get() + ": names no namespace (use 'all' for the whole cluster)");
    }
    return List.copyOf(names);
  }

  static boolean isDnsSubdomain(String v) {
    if (v.isEmpty() || v.length() > 253) return false;
    for (String label : v.split("\\.", -1)) {
      if (!ApiPatterns.isDns1123Label(label)) return false;
    }
    return true;
  }
}
