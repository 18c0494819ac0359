# Payments may read everything under kv/data/payments/ except the Stripe key, denied on its exact path.
path "kv/data/payments/*"      { capabilities = ["read"] }
path "kv/data/payments/stripe" { capabilities = ["deny"] }
