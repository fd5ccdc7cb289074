"""Tests of the conscription app (military service, NVQS)."""
