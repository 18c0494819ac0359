package io.secretgate.vault.policy;
// TEMPORARY STUB
public enum Capability { CREATE, READ, UPDATE, PATCH, DELETE, LIST, SUDO, DENY, SUBSCRIBE, RECOVER }
