"""Hypothesis profiles: ``ci`` (the default, 200 examples) and ``dev`` (quick local runs)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Projections over generated streams are slower than hypothesis' default deadline allows on a
# loaded 2-core CI machine; the suite's total run time is what we bound instead.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The real corpus's figures and misses, for a reader of the CI log."""
    import corpus_gold

    if corpus_gold.summary:
        terminalreporter.section("real corpus")
        for line in corpus_gold.summary:
            terminalreporter.write_line(line)
