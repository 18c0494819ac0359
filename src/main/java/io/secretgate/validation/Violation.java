package io.secretgate.validation;

/** One reason to refuse an object: the field it concerns, a code, and a message saying what to fix. */
public record Violation(String field, ViolationCode code, String message) {}
