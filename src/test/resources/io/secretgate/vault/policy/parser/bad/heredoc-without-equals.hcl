path "secret/a" {
  comment <<EOT
reads the app secrets
EOT
  capabilities = ["read"]
}
