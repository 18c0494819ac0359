name = ["a", "b"]
