this text is never parsed {
