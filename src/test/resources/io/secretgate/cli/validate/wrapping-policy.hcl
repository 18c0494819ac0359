# Reads of secret/data/apps/* must be response-wrapped; the controller never wraps its reads.
path "secret/data/apps/*" {
  capabilities     = ["read"]
  min_wrapping_ttl = "1m"
}
