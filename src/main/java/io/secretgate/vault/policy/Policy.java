package io.secretgate.vault.policy;
// TEMPORARY STUB
public final class Policy { public String name() { return ""; } }
