package io.secretgate.secrets;

/**
 * A Kubernetes Event ESO would record on the ExternalSecret. Messages hold keys, paths and fixed
 * texts only, never values.
 */
public record SyncEvent(Type type, String reason, String message) {
  /** Event type. */
  public enum Type {
    Normal,
    Warning
  }

  public static SyncEvent normal(String reason, String message) {
    return new SyncEvent(Type.Normal, reason, message);
  }

  public static SyncEvent warning(String reason, String message) {
    return new SyncEvent(Type.Warning, reason, message);
  }
}
