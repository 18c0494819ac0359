package io.secretgate.tls;

import java.util.Locale;
import java.util.regex.Pattern;

/** DNS name syntax (RFC 1123 labels) and RFC 6125 host matching, as TLS clients apply them. */
final class DnsNames {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final int MAX_NAME = 253;

  private DnsNames() {}

  /** A name of one or more labels; with {@code allowWildcard}, {@code *.} may stand for the first label. */
  static boolean isDnsName(String name, boolean allowWildcard) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME) return false;
    String rest = name;
    if (allowWildcard && name.startsWith("*.")) {
      rest = name.substring(2);
      if (rest.indexOf('.') < 0) return false; // "*.svc" would cover a whole top-level domain
    }
    for (String label : rest.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) return false;
    }
    return true;
  }

  static boolean isLabel(String label) {
    return label != null && LABEL.matcher(label).matches();
  }

  /**
   * Whether a certificate name covers {@code host}: equal ignoring case (and a trailing dot on the
   * host), or a {@code *.rest} pattern where {@code *} stands for exactly one non-empty label.
   */
  static boolean covers(String certName, String host) {
    if (certName == null || host == null || host.isEmpty()) return false;
    String h = (host.endsWith(".") ? host.substring(0, host.length() - 1) : host).toLowerCase(Locale.ROOT);
    String n = certName.toLowerCase(Locale.ROOT);
    if (!n.startsWith("*.")) return n.equals(h);
    int dot = h.indexOf('.');
    return dot > 0 && h.substring(dot + 1).equals(n.substring(2));
  }
}
