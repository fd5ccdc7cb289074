# Shortcuts for the two commands in the README, and lint alone.
.PHONY: demo test lint

demo:
	./scripts/demo

test:
	./scripts/test

lint:
	./scripts/test --lint-only
