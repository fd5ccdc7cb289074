"""Core: audit, background jobs, access markers, Vietnamese text helpers, registries shared by all apps."""
