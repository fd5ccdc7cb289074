"""Emulation and award rules (pure, cited): forms, who may award them in each era, conditions, duplicates."""
