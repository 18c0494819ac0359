package io.secretgate.vault.policy;
// TEMPORARY STUB
public final class PolicyFiles { public static Policy load(java.nio.file.Path f) throws java.io.IOException, PolicyParseException { return new Policy(); } }
