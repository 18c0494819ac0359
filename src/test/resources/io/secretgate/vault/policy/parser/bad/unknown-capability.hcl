path "secret/a" {
  capabilities = ["read", "raed"]
}
