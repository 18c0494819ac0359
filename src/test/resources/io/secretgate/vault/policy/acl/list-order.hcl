# The LIST retry without the trailing slash: where Vault and OpenBao differ.
path "secret/metadata/*"                 { capabilities = ["list"] }
path "secret/metadata/private/*"         { capabilities = ["deny"] }
path "secret/metadata/private/granted/*" { capabilities = ["read", "list"] }

path "kv/+"  { capabilities = ["read"] }
path "kv/+/" { capabilities = ["list"] }

path "tools/+" { capabilities = ["read", "list"] }
