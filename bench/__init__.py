"""Benchmarks of QPĐP: each script prints its figures and ends with one `RESULT` line (see README.md)."""
