path "secret/a" {
  capabilities     = ["read"]
  min_wrapping_ttl = "2h"
  max_wrapping_ttl = "1h"
}
