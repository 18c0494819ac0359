# Constraints that refuse a plain request even though the capability is granted.
path "secret/wrapped" { capabilities = ["read", "delete", "list"]  max_wrapping_ttl = "5m" }

path "secret/needs-version" {
  capabilities        = ["read", "update", "delete", "list"]
  required_parameters = ["version"]
}

path "secret/merged" { capabilities = ["read"] }
path "secret/merged" { capabilities = ["list"]  min_wrapping_ttl = 30 }

path "secret/admin/*"   { capabilities = ["sudo", "read", "subscribe"] }
path "secret/meta/app"  { capabilities = ["list"] }
path "secret/closed"    { capabilities = ["deny"] }
path "secret/closed-tree/*" { capabilities = ["deny"] }
