path "secret/data/app/*" {
  capabilities = ["create", "update"]
}
