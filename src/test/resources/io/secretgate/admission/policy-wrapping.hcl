# Reads under kv/data/payments/ must be response-wrapped; the controller never wraps its reads.
path "kv/data/payments/*" {
  capabilities     = ["read"]
  max_wrapping_ttl = "5m"
}
