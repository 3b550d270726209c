"""Modules stay small: none of the package is over 300 lines, but a named few.

The named few are over the limit today, each to be split by its jobs. The list
can only shrink: a module brought under the limit must leave it, so it cannot
grow back unnoticed, and no module may join it.
"""

from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "jkdefense"
MAX_LINES = 300
# Over the limit today; remove a name once its module is split.
STILL_TO_SPLIT: frozenset[str] = frozenset()


def line_counts(package: Path = PACKAGE) -> dict[str, int]:
    """Each module of ``package`` ('jkdefense/render/maps.py') and its lines."""
    return {
        path.relative_to(package.parent).as_posix(): len(
            path.read_text(encoding="utf-8").splitlines()
        )
        for path in sorted(package.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def over_limit(counts: dict[str, int], allowed: frozenset[str]) -> list[str]:
    """'module: N lines' for each module over the limit and not allowed to be."""
    return [
        f"{name}: {lines} lines"
        for name, lines in counts.items()
        if lines > MAX_LINES and name not in allowed
    ]


def test_no_module_is_over_300_lines_but_those_still_to_split():
    assert over_limit(line_counts(), STILL_TO_SPLIT) == []


def test_every_module_still_to_split_is_still_over_the_limit():
    counts = line_counts()
    done = [name for name in STILL_TO_SPLIT if counts.get(name, 0) <= MAX_LINES]
    assert sorted(done) == [], "split (or gone): remove from STILL_TO_SPLIT"


def test_the_check_finds_a_module_over_the_limit(tmp_path):
    layer = tmp_path / "jkdefense" / "render"
    layer.mkdir(parents=True)
    (layer / "long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (layer / "short.py").write_text("x = 1\n" * MAX_LINES)
    counts = line_counts(tmp_path / "jkdefense")
    assert over_limit(counts, frozenset()) == ["jkdefense/render/long.py: 301 lines"]
    assert over_limit(counts, frozenset({"jkdefense/render/long.py"})) == []
