"""Recall and noise of the new-names list on hand-labelled documents of the feed.

tests/corpus/names/<source_id>.csv holds, for one document, the names a
reader finds in it: name, kind and also (other spellings the document uses,
";"-separated). Kinds in scope (IN_SCOPE) are what the list must find,
unless the curated tables know the name already; "known" (another form of
an entity the tables hold), "other" (a real name outside the scope) and
"person" are real names, no noise when listed. A person's row may carry the
title ("National Security Advisor Shin Wonsik" for "Shin Wonsik").

tests/corpus/names/noise.csv lists noise the list once showed, and why:
a heading, a variant of another name, a fragment of an abbreviation or a
nationality is never listed; a role or a common phrase comes after every
name.

The figures are printed (pytest -s): recall over the whole list of each
document, noise in its first TOP rows.
"""

import csv
import re
from functools import cache

import pandas as pd
import pytest

from jkdefense.pipeline import names
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus" / "names"
DATA = ROOT / "data"
IN_SCOPE = {"exercise", "mechanism", "agreement", "program", "policy", "system"}
IN_SCOPE |= {"organisation", "place"}
REAL = IN_SCOPE | {"known", "other", "person"}
TOP = 50
MIN_RECALL = 0.90
MAX_NOISE = 0.15
DOCUMENTS = sorted(p.stem for p in CORPUS.glob("*.csv") if p.stem != "noise")


def labels_of(document: str) -> list[dict[str, str]]:
    with (CORPUS / f"{document}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def forms(label: dict[str, str]) -> list[str]:
    return [label["name"], *filter(None, label["also"].split(";"))]


def names_it(row: str, label: dict[str, str]) -> bool:
    """Whether a listed row is the labelled name (or a person's titled form)."""
    key = names.name_key(row)
    keys = {names.name_key(form) for form in forms(label)}
    if label["kind"] == "person":
        return any(key == k or key.endswith(f" {k}") for k in keys)
    return key in keys


@cache
def listed(document: str) -> pd.DataFrame:
    return names.new_names(DATA, (document,))


@cache
def known() -> names.KnownNames:
    return names.KnownNames(names.known_names(DATA))


def in_scope(document: str) -> list[dict[str, str]]:
    """The labelled names in scope that the curated tables do not know yet."""
    return [
        label
        for label in labels_of(document)
        if label["kind"] in IN_SCOPE and not known().knows(label["name"])
    ]


def missed(document: str) -> list[str]:
    rows = list(listed(document)["name"])
    return [
        label["name"]
        for label in in_scope(document)
        if not any(names_it(row, label) for row in rows)
    ]


def noise(document: str) -> list[str]:
    """Rows of the top TOP that no label names, or that name one already named."""
    labels, named, found = labels_of(document), set(), []
    for row in listed(document)["name"].head(TOP):
        label = next((i for i, lab in enumerate(labels) if names_it(row, lab)), None)
        if label is None or label in named:
            found.append(row)
        else:
            named.add(label)
    return found


def figures(document: str) -> tuple[int, int, int, int]:
    """(in-scope names found, in-scope names, noise rows, rows looked at)."""
    scope = len(in_scope(document))
    top = min(TOP, len(listed(document)))
    return scope - len(missed(document)), scope, len(noise(document)), top


def text_of(document: str) -> str:
    text = (ROOT / "seeds" / f"{document}.txt").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()


@pytest.mark.parametrize(
    ("document", "label"),
    [(d, label) for d in DOCUMENTS for label in labels_of(d)],
    ids=lambda value: value if isinstance(value, str) else value["name"],
)
def test_every_label_is_a_real_name_its_document_writes(document, label):
    assert label["kind"] in REAL
    text = text_of(document)
    assert any(form.replace("’", "'").casefold() in text for form in forms(label))


def test_the_labelled_documents_are_in_the_feed():
    feed = set(pd.read_parquet(DATA / "sentences.parquet")["source_id"])
    assert set(DOCUMENTS) <= feed


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_list_finds_the_names_in_scope_a_reader_finds(document):
    found, scope, _, _ = figures(document)
    print(f"\n{document}: recall {found}/{scope} = {found / scope:.0%}")
    print(f"  missed: {missed(document)}")
    assert scope >= 5
    assert found / scope >= MIN_RECALL, missed(document)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_top_of_the_list_is_real_names(document):
    _, _, noisy, top = figures(document)
    print(f"\n{document}: noise {noisy}/{top} = {noisy / top:.0%}: {noise(document)}")
    assert noisy / top <= MAX_NOISE, noise(document)


def test_over_all_the_labelled_documents():
    found, scope, noisy, top = (
        sum(f) for f in zip(*map(figures, DOCUMENTS), strict=True)
    )
    print(f"\nrecall {found}/{scope} = {found / scope:.0%}")
    print(f"noise in the top {TOP}: {noisy}/{top} = {noisy / top:.0%}")
    assert found / scope >= MIN_RECALL
    assert noisy / top <= MAX_NOISE


def observed_noise() -> list[dict[str, str]]:
    with (CORPUS / "noise.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize(
    "row", observed_noise(), ids=lambda row: f"{row['why']}:{row['name']}"
)
def test_observed_noise_is_gone_or_ranked_after_every_name(row):
    frame = listed(row["source_id"])
    rows = list(frame["name"])
    if row["why"] in ("heading", "variant", "fragment", "nationality"):
        assert row["name"] not in rows
        return
    assert row["why"] in ("role", "phrase")
    position = rows.index(row["name"]) if row["name"] in rows else len(rows)
    kinds = list(frame["kind"])
    named = [i for i, kind in enumerate(kinds) if kind in ("acronym", "name", "term")]
    assert position > max(named)
