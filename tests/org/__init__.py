"""Tests of the org app."""
