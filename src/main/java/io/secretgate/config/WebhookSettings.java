package io.secretgate.config;

/** The admission webhooks (HTTPS, served on {@code port}); off until the webhook lands. */
public record WebhookSettings(boolean validating, boolean mutating, int port) {

  public boolean anyEnabled() {
    return validating || mutating;
  }
}
