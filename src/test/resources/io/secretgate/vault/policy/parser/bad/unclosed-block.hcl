path "secret/a" {
  capabilities = ["read"]

path "secret/b" {
  capabilities = ["read"]
}
