"""Benchmarks at national scale: a synthetic corpus, the measurements, and their peers."""
