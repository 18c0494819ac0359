package io.secretgate.validation;

/** A store lookup that should have an answer could not get one (cluster unreachable, forbidden). */
public class StoreLookupException extends RuntimeException {
  public StoreLookupException(String message) {
    super(message);
  }
}
