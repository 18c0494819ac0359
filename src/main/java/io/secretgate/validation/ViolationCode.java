package io.secretgate.validation;

/** Why an object is refused (DESIGN.md contract; scripts match on these). */
public enum ViolationCode {
  STORE_NOT_FOUND,
  STORE_NOT_ALLOWED_IN_NAMESPACE,
  PATH_NOT_PERMITTED,
  INVALID_SPEC,
  UNSUPPORTED
}
