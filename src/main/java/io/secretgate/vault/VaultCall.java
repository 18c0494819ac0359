package io.secretgate.vault;

/** One call as messages name it: {@code Vault GET secret/data/app}. */
record VaultCall(String method, String apiPath) {

  String describe() {
    return "Vault " + method + " " + apiPath;
  }
}
