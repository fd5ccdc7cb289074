"""Tests of the people app."""
