# Vault stops reading a capability list at "deny", so what follows it is never checked.
path "secret/closed" {
  capabilities     = ["deny", "not-a-capability"]
  max_wrapping_ttl = "not a duration either"
}
# The legacy deny replaces the list before it is read.
path "secret/closed-too" {
  policy       = "deny"
  capabilities = ["nonsense"]
}
