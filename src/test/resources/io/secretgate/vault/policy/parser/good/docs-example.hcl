# comment            // comment            /* block comment */
name = "optional-and-ignored"          # only top-level keys allowed: name, path
path "secret/data/app/*" {
  capabilities = ["read", "list",]     # trailing comma allowed
}
path "secret/legacy/*" {
  policy = "read"                      // legacy form
}
/* a block
   comment */
path "secret/data/admin" { capabilities = ["deny"] }
path "secret/data/restricted" {
  capabilities        = ["create", "update"]
  allowed_parameters  = { "foo" = [], "bar" = ["zip", "zap"] }
  denied_parameters   = { "baz" = [] }
  required_parameters = ["foo"]
  min_wrapping_ttl    = "1s"
  max_wrapping_ttl    = 90
  mfa_methods         = ["totp"]
  comment             = "free text"
}
