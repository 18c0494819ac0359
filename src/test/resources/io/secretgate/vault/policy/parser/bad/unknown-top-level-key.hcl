name = "x"
paths "secret/a" {
  capabilities = ["read"]
}
