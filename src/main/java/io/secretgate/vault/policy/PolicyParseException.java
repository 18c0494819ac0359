package io.secretgate.vault.policy;
// TEMPORARY STUB
public class PolicyParseException extends Exception { public int line() {return 0;} public int column() {return 0;} public String reason() {return "";} }
