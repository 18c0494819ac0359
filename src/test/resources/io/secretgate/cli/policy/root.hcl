any text at all
