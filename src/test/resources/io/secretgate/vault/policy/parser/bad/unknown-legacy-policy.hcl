# legacy
path "secret/a" {
    policy = "readwrite"
}
