path "secret/data/apps/*" {
  capabilities = ["read"]
}
