# Reads under secret/data/apps/ (KV v2) and legacy/apps/ (KV v1) must name the version they read.
path "secret/data/apps/*" {
  capabilities        = ["read"]
  required_parameters = ["version"]
}
path "legacy/apps/*" {
  capabilities        = ["read"]
  required_parameters = ["version"]
}
