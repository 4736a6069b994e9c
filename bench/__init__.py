"""Benchmarks and evaluations: each prints numbers and asserts nothing (run: make bench)."""
