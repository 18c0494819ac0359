package io.secretgate.validation;

/** The policy answer for a store cannot be had (Vault unreachable, token refused...). */
public class PolicyUnavailableException extends RuntimeException {
  public PolicyUnavailableException(String message) {
    super(message);
  }
}
