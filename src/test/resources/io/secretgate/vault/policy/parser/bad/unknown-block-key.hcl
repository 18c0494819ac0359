path "secret/a" {
  capabilities = ["read"]
  capability = ["list"]
}
