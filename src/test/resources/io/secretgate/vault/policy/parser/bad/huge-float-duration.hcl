path "secret/a" {
  capabilities     = ["read"]
  min_wrapping_ttl = 1e999999999
}
