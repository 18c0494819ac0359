# The policy of every store's token in the admission tests.
path "secret/data/apps/*" {
  capabilities = ["read"]
}

path "secret/metadata/apps/*" {
  capabilities = ["read", "list"]
}

path "secret/data/infra/*" {
  capabilities = ["deny"]
}

path "kv/data/payments/*" {
  capabilities = ["read"]
}
