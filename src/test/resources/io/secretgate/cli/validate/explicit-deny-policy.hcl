# Apps may read their secrets, except the database credentials, denied on their exact path, and
# nothing under infra/ (a glob deny, which a block on an exact path outranks).
path "secret/data/apps/*"  { capabilities = ["read"] }
path "secret/data/apps/db" { capabilities = ["deny"] }
path "secret/data/infra/*" { capabilities = ["deny"] }
