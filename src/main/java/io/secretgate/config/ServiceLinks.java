package io.secretgate.config;

import java.util.regex.Pattern;

/**
 * The variables the kubelet sets in every container for each Service of the Pod's namespace while
 * service links are on (the default outside the Helm chart): for a Service named {@code secretgate}
 * on port 443, {@code SECRETGATE_SERVICE_HOST=10.96.0.12}, {@code SECRETGATE_SERVICE_PORT=443},
 * {@code SECRETGATE_SERVICE_PORT_HTTPS=443}, {@code SECRETGATE_PORT=tcp://10.96.0.12:443} and
 * {@code SECRETGATE_PORT_443_TCP[_PROTO|_PORT|_ADDR]}. They share serve's prefix without being
 * settings; each is told by its name and the shape of its value, so that a typo (SECRETGATE_METRIC_PORT=9090)
 * is still a warning.
 */
final class ServiceLinks {
  private static final Pattern HOST = Pattern.compile(".+_SERVICE_HOST");
  private static final Pattern SERVICE_PORT = Pattern.compile(".+_SERVICE_PORT(_[A-Z0-9_]+)?");
  private static final Pattern PORT = Pattern.compile(".+_PORT");
  private static final Pattern PORT_DETAIL = Pattern.compile(".+_PORT_[0-9]+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?");
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]]+");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");
  private static final Pattern URL = Pattern.compile("(tcp|udp|sctp)://[0-9A-Fa-f.:\\[\\]]+:[0-9]+");

  private ServiceLinks() {}

  static boolean isServiceLink(String name, String value) {
    String v = value == null ? "" : value.trim();
    if (PORT_DETAIL.matcher(name).matches()) return true;
    if (HOST.matcher(name).matches()) return ADDRESS.matcher(v).matches();
    if (SERVICE_PORT.matcher(name).matches()) return NUMBER.matcher(v).matches();
    if (PORT.matcher(name).matches()) return isServiceAddress(v);
    return false;
  }

  /** Whether {@code value} is how the kubelet writes a Service's address into {@code <SERVICE>_PORT} ({@code tcp://10.96.0.12:443}). */
  static boolean isServiceAddress(String value) {
    return URL.matcher(value.trim()).matches();
  }
}
