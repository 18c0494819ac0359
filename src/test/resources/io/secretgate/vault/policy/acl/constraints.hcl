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

# Vault Enterprise gates: merged, MFA applies to every operation, the control group to updates only.
path "secret/approved" {
  capabilities  = ["read", "update"]
  control_group = {
    factor "ops" {
      identity { group_names = ["ops"]  approvals = 1 }
      controlled_capabilities = ["update"]
    }
  }
}
path "secret/approved" { capabilities = ["list"]  mfa_methods = ["totp"] }
