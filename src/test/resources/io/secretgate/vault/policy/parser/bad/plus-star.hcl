path "secret/b" { capabilities = ["read"] }
path "secret/+*" { capabilities = ["read"] }
