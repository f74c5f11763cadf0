"""Fixtures for the reliability tests: a corpus of invented documents and a store holding it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability.corpus import expected_events, write_corpus

from events import AnyEvent
from timeline.facade import Timeline

CORPUS_SIZE = 45


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of ``CORPUS_SIZE`` datable documents about invented authorities."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, CORPUS_SIZE)
    return folder


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """A SQLite store with the whole corpus ingested; copy it before changing it."""
    path = tmp_path_factory.mktemp("store") / "corpus.db"
    with Timeline.open(path) as timeline:
        timeline.ingest([corpus])
    return path


@pytest.fixture
def store_copy(tmp_path: Path, corpus_store: Path) -> Path:
    """A private copy of ``corpus_store``."""
    return Path(shutil.copy(corpus_store, tmp_path / "copy.db"))


@pytest.fixture(scope="session")
def corpus_events(corpus_store: Path) -> tuple[AnyEvent, ...]:
    """The corpus store's events in append order."""
    with Timeline.open(corpus_store) as timeline:
        return tuple(timeline.store.read())


@pytest.fixture(scope="session")
def corpus_expected(corpus: Path) -> dict[str, tuple[AnyEvent, ...]]:
    """What reading each corpus file alone yields, by document id."""
    return expected_events(corpus)
