"""Org: administrative units (effective-dated tree), military commands, users, roles and scope."""
