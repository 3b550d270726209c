"""The data as it stood before three feed documents gave it rows: a replay copy.

Rows whose evidence cites only the three documents are removed (sources.csv
aside); every other row loses its citations of them; the copy is re-derived.
``propose`` run on the copy should then find again what the curators found.
The removed rows are computed from the data, never listed by hand.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from jkdefense import cli
from jkdefense.data import load, schema
from tests.conftest import ROOT

SHARED_DOCUMENTS = (
    "whitehouse-2024-trilateral-nsa-readout",
    "whitehouse-2024-us-japan-joint-leaders-statement",
    "whitehouse-2025-trump-lee-joint-fact-sheet",
)


@dataclass(frozen=True)
class Removed:
    """A curated row the replay took out, and the text of the sentences it cited."""

    table: str
    key: tuple[str, ...]
    sentence_texts: tuple[str, ...]


def _cited_texts(ids: list[str]) -> tuple[str, ...]:
    """The text of cited sentences, from the data as committed."""
    sentences = pd.read_parquet(ROOT / "data" / "sentences.parquet")
    text = dict(zip(sentences["sentence_id"], sentences["text"], strict=True))
    return tuple(text[i] for i in ids)


def remove_documents(data_dir: Path, source_ids: tuple[str, ...]) -> list[Removed]:
    """Take the documents' rows and citations out of the curated tables."""
    descriptor = schema.read_descriptor(data_dir / "datapackage.json")
    removed = []
    for name, resource in schema.resources(descriptor).items():
        if not schema.is_curated(resource) or name == "sources":
            continue
        frame = load.read_table_text(data_dir, name)
        kept = []
        for index, row in frame.iterrows():
            ids = schema.split_list(row["evidence_sentence_ids"])
            theirs = [i for i in ids if i.split(":")[0] in source_ids]
            gone = bool(theirs) and len(theirs) == len(ids)
            if gone:
                key = tuple(row[k] for k in schema.primary_key(resource))
                removed.append(Removed(name, key, _cited_texts(theirs)))
            else:
                others = [i for i in ids if i not in theirs]
                frame.at[index, "evidence_sentence_ids"] = ";".join(others)
            kept.append(not gone)
        csv_text = frame[kept].to_csv(index=False, lineterminator="\n")
        (data_dir / resource["path"]).write_text(csv_text, encoding="utf-8")
    return removed


@pytest.fixture(scope="session")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Removed]]:
    """A project copy without the shared documents' rows, re-derived."""
    project = tmp_path_factory.mktemp("replay")
    for folder in ("data", "seeds"):
        shutil.copytree(
            ROOT / folder, project / folder, ignore=shutil.ignore_patterns(".*")
        )
    removed = remove_documents(project / "data", SHARED_DOCUMENTS)
    assert cli.main(["derive", "--data", str(project / "data")]) == 0
    return project / "data", removed


def sentence_texts(data_dir: Path) -> dict[str, str]:
    """sentence_id -> text, in a data folder."""
    sentences = pd.read_parquet(data_dir / "sentences.parquet")
    return dict(zip(sentences["sentence_id"], sentences["text"], strict=True))


def same_sentence(a: str, b: str) -> bool:
    """One sentence's text holds the other's (a splitter may cut them apart)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    return a in b or b in a
