# The narrow policy of the controller's token in the seed scenario: read the apps' KV v2 data only.
path "secret/data/apps/*" {
  capabilities = ["read"]
}
path "secret/metadata/apps/*" {
  capabilities = ["read", "list"]
}
