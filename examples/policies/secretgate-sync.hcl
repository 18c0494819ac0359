# Policy of the token in Secret secretgate/vault-token: it may read application secrets
# under secret/apps/ (KV v2) and list them, and nothing else.
path "secret/data/apps/*" {
  capabilities = ["read"]
}

path "secret/metadata/apps/*" {
  capabilities = ["read", "list"]
}

# Infrastructure secrets are for the platform team's own tooling only.
path "secret/data/infra/*" {
  capabilities = ["deny"]
}
