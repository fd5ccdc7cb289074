"""Access tests: the URL walk, the scope matrix and the deny-by-default middleware."""
