"""Locale formats that Django's own Vietnamese locale leaves unset (number grouping, dd/mm/yyyy)."""
