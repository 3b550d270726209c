"""A project copy whose documents and metadata are hostile; reading what it gives.

CSV is read as a spreadsheet reads it (formula_cells), Markdown as GitHub's
flavour does (autolinks, as_read).

The copy holds an article ingested with formulas, addresses, markup and bidi
controls in its sentences and metadata; the feed's first article's metadata
rewritten the same way (every page's footer and chart caption cite it); and a
threat that also cites a hostile sentence, so its evidence panel shows one.
"""

import csv
import io
import re
import shutil
from pathlib import Path

from jkdefense import cli
from tests.conftest import ROOT

RLO, PDF = "\u202e", "\u202c"  # right-to-left override, and its end
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
EVIL_LINK = '<a href="https://evil.example/">Evil link</a>'
PUBLISHER = (
    f"{EVIL_LINK} <b>BOLD</b> "
    '<span style="font-size:40px;color:red">BIG</span> https://evil.example/p'
)
ADDRESS = "https://evil.example/q"
DOCUMENT = f"""\
=HYPERLINK("https://evil.example/","x") more words here about LIG Nex1 and \
Mitsubishi Heavy Industries in Busan.

+SUM(1,2) LIG Nex1 met Mitsubishi Heavy Industries at {ADDRESS} and \
www.evil.example/w; write to spy@evil.example today.

@SUM(A1) Hanwha Ocean and KAI discussed torpedoes <img src=x onerror=alert(1)> \
**bold** :red[r] $x$.

-2+3 Kawasaki Heavy Industries and Hanwha Aerospace met {RLO}gnp.exe{PDF} officials.
"""
TITLE = f'=HYPERLINK("https://evil.example/","x") Report {RLO}flodnaR yb'
AUTHOR = f"@Randolf {RLO}flodnaR yb"
FIRST_ARTICLE = {
    "title": f'=HYPERLINK("https://evil.example/t","x") Rethinking {RLO}gnp.exe{PDF}',
    "author": f"S. Yoon {RLO}flodnaR yb",
    "publisher": PUBLISHER,
}
# The threat whose evidence panel shows the hostile sentence too.
THREAT_ID = "cn-air-adiz-incursions"
THREAT_LABEL = "Chinese ISR flights into the KADIZ and JADIZ"
ARTICLE_ID = "hostile-2024-report"


def build(folder: Path) -> Path:
    """Build the hostile copy in ``folder``; return its data folder."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    data = folder / "data"
    document = folder / "hostile.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    meta = ["--title", TITLE, "--author", AUTHOR, "--publisher", PUBLISHER]
    meta += ["--url", "https://e.org/x", "--date", "2024-05-01", "--tier", "3"]
    meta += ["--id", ARTICLE_ID]
    assert cli.main(["ingest", str(document), *meta, "--data", str(data)]) == 0
    rewrite(data / "sources.csv", "source_id", "yoon-2019-diplomat", FIRST_ARTICLE)
    threats = read_rows(data / "threats.csv")
    cited = next(r for r in threats if r["threat_id"] == THREAT_ID)
    hostile_sentence = f"{ARTICLE_ID}:s002"
    ids = f"{cited['evidence_sentence_ids']};{hostile_sentence}"
    rewrite(
        data / "threats.csv", "threat_id", THREAT_ID, {"evidence_sentence_ids": ids}
    )
    return data


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def rewrite(path: Path, key: str, value: str, cells: dict[str, str]) -> None:
    """Set ``cells`` of the row whose ``key`` is ``value``, as an analyst would."""
    rows = read_rows(path)
    for row in rows:
        if row[key] == value:
            row.update(cells)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


# What a spreadsheet runs: a cell beginning with one of these characters.
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def formula_cells(text: str) -> list[str]:
    """Every cell of the CSV text that a spreadsheet would run as a formula."""
    return [
        cell
        for row in csv.reader(io.StringIO(text, newline=""))
        for cell in row
        if cell.startswith(FORMULA_CHARACTERS) and not is_number(cell)
    ]


_DIRECTIVE = re.compile(r":[a-z-]+\[")
_ADDRESS = re.compile(r"(?i)(?:https?://|www\.)[-.\w]+")
_EMAIL = re.compile(r"(?a)[-.\w+]+@[-\w]+(?:\.[-\w]+)+")


def text_runs(markdown: str) -> list[str]:
    """The runs of text GitHub-flavoured Markdown reads in ``markdown``.

    Escapes read (``\\x`` is x); a run ends where a directive (``:name[``)
    starts and at the ``]`` that closes one.
    """
    runs, run, at = [], [], 0
    while at < len(markdown):
        character = markdown[at]
        if character == "\\" and at + 1 < len(markdown):
            run.append(markdown[at + 1])
            at += 2
            continue
        directive = _DIRECTIVE.match(markdown, at)
        if directive or character == "]":
            runs.append("".join(run))
            run = []
            at = directive.end() if directive else at + 1
            continue
        run.append(character)
        at += 1
    return [*runs, "".join(run)]


def autolinks(markdown: str) -> list[str]:
    """The addresses GitHub-flavoured Markdown would make links of.

    Its autolink literals are found within one run of text, after the
    escapes are read: an address (http://, https://, www.) or an e-mail
    address.
    """
    return [
        found.group()
        for run in text_runs(markdown)
        for pattern in (_ADDRESS, _EMAIL)
        for found in pattern.finditer(run)
    ]


def as_read(markdown: str) -> str:
    """The text a reader sees (and copies) of ``markdown``."""
    return "".join(text_runs(markdown))
