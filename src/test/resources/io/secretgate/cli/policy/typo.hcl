path "secret/data/app/*" {
  capabilities = ["read", "wrte"]
}
