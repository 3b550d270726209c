"""Derive a change in a throwaway copy before it lands, to check it first.

Ingest and names promote change a curated file (sources.csv, an alias) and
need the derived tables that follow from it, in the same change. They are
derived here, in a copy of the data folder, and the copy is validated: a
change that would add a problem is refused before anything real is written.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from jkdefense.data import load, manifest, paths
from jkdefense.pipeline import derive, sentence_ids
from jkdefense.pipeline.derived_files import derived_path, to_parquet_bytes


def derive_change(
    data_dir: Path, changed: dict[Path, bytes]
) -> tuple[dict[Path, bytes], list[str]]:
    """Derive as if ``changed`` (path -> bytes) were written; write nothing real.

    Returns the derived files' bytes by their real paths (with the CSV tables,
    as changed, whose cited sentence ids the new sentences renumber: see
    sentence_ids), and the problems the change would add to the package (a
    change that adds one is refused).
    Derives in a throwaway copy of the data folder, whose seeds are links to
    the real ones (never written through: a changed seed replaces its link).
    """
    project = paths.project_dir(data_dir)
    before = {str(p) for p in load.load_package(data_dir).problems}
    with tempfile.TemporaryDirectory(prefix="jkdefense-stage-") as staging:
        stage = Path(staging)
        shutil.copytree(
            data_dir, stage / "data", ignore=shutil.ignore_patterns(".*", "*.parquet")
        )
        shutil.copytree(project / "seeds", stage / "seeds", copy_function=_link)
        for path, payload in changed.items():
            staged = stage / path.relative_to(project)
            staged.unlink(missing_ok=True)
            staged.write_bytes(payload)
        tables = derive.derive(stage / "data")
        outputs = {name: to_parquet_bytes(t) for name, t in tables.items()}
        cited_against = sentence_ids.read_spans(derived_path(data_dir, "sentences"))
        migrated, _ = sentence_ids.migrated(
            stage / "data", cited_against, tables["sentences"]
        )
        staged_outputs = migrated | {
            derived_path(stage / "data", name): payload
            for name, payload in outputs.items()
        }
        # The copy gets the manifest the change would write, as it lands.
        staged_outputs[manifest.path(stage / "data")] = manifest.after(
            stage / "data", staged_outputs, "stage"
        )
        for path, payload in staged_outputs.items():
            path.write_bytes(payload)
        after = load.load_package(stage / "data").problems
    added = [str(p) for p in after if str(p) not in before]
    derived = {derived_path(data_dir, name): data for name, data in outputs.items()}
    derived |= {
        data_dir / path.relative_to(stage / "data"): data
        for path, data in migrated.items()
    }
    return derived, added


def _link(source: str, target: str) -> None:
    Path(target).symlink_to(Path(source).resolve())
