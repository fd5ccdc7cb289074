"""People: the citizen register every area points at (identity, residence, education, work)."""
