path "secret/+/config" {
  comment = <<EOT
A heredoc comment, with "quotes" and ${braces}.
EOT
  capabilities = ["read"], policy: "write"
  allowed_parameters = {
    "ttl"  = [1, 2.5, true, "x"]
    "opts" = [{ "nested" = [] }]
  }
  subscribe_event_types = ["kv*"]
  control_group = {
    ttl = "4h"
    factor "ops" {
      identity {
        group_names = ["managers"]
        approvals   = 1
      }
      controlled_capabilities = ["read"]
    }
  }
}
path "/secret/escaped/\u0041\x42\103" { capabilities = ["patch"] }
path "secret/${not.interpolated}" { capabilities = ["list"] }
