"""A deterministic synthetic feed: N articles of about 1,500 words in a project copy.

    .venv/bin/python benchmarks/synthetic_feed.py N TARGET_DIR [--seed 2019]

Sentences come from varied templates that name known entities under their aliases
(read from the curated tables), so mentions, the curation queue and every page have
realistic work. The articles go through the same derive code as real ones.
"""

import argparse
import csv
import hashlib
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense import cli  # noqa: E402
from jkdefense.data import load, schema  # noqa: E402

TEMPLATES = [
    "{kr} and {jp} discussed {program} at a closed meeting in {city}.",
    "Officials in {country} said that {threat} remains the main concern for planners.",
    "A delegation from {kr} visited {jp} to compare notes on {program}.",
    "Analysts expect {program} to dominate the next budget cycle in {country}.",
    "The talks touched on {program}, on {threat}, and on export rules.",
    "{us} supplies parts to both {kr} and {jp}, which eases joint work.",
    "Critics in {country} doubt that {kr} can deliver on time.",
    "The ministry confirmed that {jp} will bid for the {program} contract.",
    "Reports of {threat} rose again last year, according to the defense white paper.",
    "Both navies want {program}, but their requirements still differ in detail.",
    "{agency} will host the next round of working-level consultations.",
    "Industry sources say {kr} is ready to share test data with {jp}.",
    "A former officer argued that {threat} makes cooperation urgent.",
    "Budgets are tight, so {program} may slip by two years.",
    "The precedent of {precedent} was cited by several speakers.",
    "Observers noted that {us} already supports {program} in both countries.",
    "Public opinion in {country} has softened since the last summit.",
    "Engineers from {jp} and {kr} met again to review {program} interfaces.",
    "Nothing in the statement mentioned {threat} directly.",
    "The committee will report on {program} and {precedent} by the end of the year.",
]
CITIES = ["Seoul", "Tokyo", "Busan", "Yokosuka", "Daejeon", "Nagoya", "Honolulu"]


def alias_pools(data_dir: Path) -> dict[str, list[str]]:
    """Aliases by slot, from the curated tables."""

    def aliases(table: str, where=None) -> list[str]:
        frame = load.read_table_text(data_dir, table)
        if where:
            frame = frame[where(frame)]
        return [a for cell in frame["alias_names"] for a in schema.split_list(cell)]

    return {
        "kr": aliases("companies", lambda f: f["company_role_type"] == "kr_industry"),
        "jp": aliases("companies", lambda f: f["company_role_type"] == "jp_industry"),
        "us": aliases("companies", lambda f: f["company_role_type"] == "us_supplier"),
        "program": aliases("programs"),
        "country": aliases("countries"),
        "threat": aliases("threats"),
        "agency": aliases("agencies"),
        "precedent": aliases("precedents"),
    }


def article(rng: random.Random, pools: dict[str, list[str]], words: int = 1500) -> str:
    """Paragraphs of five to seven template sentences, about ``words`` long."""
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(5, 7)):
            slots = {k: rng.choice(v) for k, v in pools.items()}
            sentence = rng.choice(TEMPLATES).format(city=rng.choice(CITIES), **slots)
            sentences.append(sentence[0].upper() + sentence[1:])
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def build(n: int, target: Path, seed: int = 2019) -> Path:
    """Copy the project's data and seeds to ``target``, add N articles, derive."""
    data = target / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "seeds", target / "seeds")
    rng, pools = random.Random(seed), alias_pools(data)
    rows = []
    for index in range(n):
        source_id = f"synthetic-{index:05d}"
        text = article(rng, pools)
        payload = text.encode("utf-8")
        (target / "seeds" / f"{source_id}.txt").write_bytes(payload)
        quote = " ".join(text.split()[:6])
        rows.append(
            [
                source_id,
                f"Synthetic article {index}",
                "Feed Generator",
                "Synthetic Review",
                f"https://example.org/{source_id}",
                "2024-01-01",
                "",
                "",
                f"seeds/{source_id}.txt",
                hashlib.sha256(payload).hexdigest(),
                f"{source_id}:s001",
                quote,
                "stated",
                "",
                "",
                "",
                "",
            ]
        )
    with (data / "sources.csv").open("a", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    data = build(args.n, args.target, args.seed)
    sys.exit(cli.main(["derive", "--data", str(data)]))


if __name__ == "__main__":
    main()
