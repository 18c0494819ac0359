# Vault Enterprise gates on reads: break-glass secrets need an ops approval (control group), secrets
# under mfa/ need TOTP; the control group on db gates its updates only, not its reads.
path "secret/data/apps/breakglass" {
  capabilities  = ["read"]
  control_group = {
    factor "ops" {
      identity {
        group_names = ["ops"]
        approvals   = 1
      }
    }
  }
}
path "secret/data/apps/mfa/*" {
  capabilities = ["read"]
  mfa_methods  = ["totp"]
}
path "secret/data/apps/db" {
  capabilities  = ["read", "update"]
  control_group = {
    factor "dba" {
      identity {
        group_names = ["dba"]
        approvals   = 1
      }
      controlled_capabilities = ["update"]
    }
  }
}
