# Payments team – read-only access to the app secrets (saved as Windows-1252)
path "secret/data/app/*" {
  capabilities = ["read"]
}
