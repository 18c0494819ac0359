path "identity/entity/id/{{identity.entity.id}}" {
  capabilities = ["read"]
}
path "secret/data/{{identity.entity.name}}/*" {
  capabilities = ["read", "list"]
}
path "secret/data/shared/*" {
  capabilities = ["read"]
}
