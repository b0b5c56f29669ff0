"""Benchmarks and the data they need: plain scripts, not part of the installed package."""
