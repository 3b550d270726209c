"""Accept a proposal into its curated table, or reject it: one safe change each.

Both run inside the data folder's one writer (jkdefense.data.writer): the lock
is taken first, then the proposal is found again on the data as it is now, so
two analysts deciding at once land one after the other, the second on the
first's result, or the second is told the writer is busy; never one lost.

Accept builds the row, applies the analyst's changes, and validates the whole
package with the row added in a staged copy (jkdefense.pipeline.staging): a
row that adds a problem is refused with the validator's problems (file, row,
field), and nothing is written. Otherwise the table, the re-derived tables and
the change log's new line land together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jkdefense.data import paths, schema, writer
from jkdefense.pipeline import staging
from jkdefense.pipeline.propose import decisions, land, listing
from jkdefense.pipeline.propose.listing import Refused


@dataclass(frozen=True)
class Accepted:
    """Where an accepted proposal landed."""

    table: str
    row_id: str
    path: Path


def changed_row(
    proposal: listing.Proposal, changes: dict[str, str] | None, file: str, at: int
) -> dict[str, str]:
    """The proposed row with the analyst's changes; Refused naming a bad field."""
    row = dict(proposal.row)
    for name, value in (changes or {}).items():
        if name not in row:
            raise Refused(f"{file}: no field {name!r} (fields: {', '.join(row)})")
        row[name] = str(value).replace("\r\n", "\n").replace("\r", "\n")
    for name in land.formula_cells(row):
        raise Refused(
            f"{file} row {at}, {name}: {row[name][:1]!r} at the start makes a "
            "spreadsheet run the cell as a formula; start it otherwise"
        )
    return row


def _changelog(data_dir: Path, descriptor: dict) -> Path:
    return data_dir / descriptor.get("x-changelog", "CHANGELOG.md")


def accept(
    data_dir: Path,
    proposal_id: str,
    changes: dict[str, str] | None = None,
    source_ids: tuple[str, ...] | None = None,
) -> Accepted:
    """Add the proposal's row (with ``changes``) to its table, re-derive, log it.

    ``source_ids``: the articles the proposal was listed from (None: the whole
    feed), so the row written is the row shown (listing.find_open).

    Raises Refused (its ``problems`` name file, row and field) when the row
    would add a problem to the package or the proposal is not open; WriterBusy
    when another change holds the data folder longer than the writer waits.
    """
    with writer.change(data_dir, "propose accept") as files:
        proposal = listing.find_open(data_dir, proposal_id, source_ids)
        descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
        resource = schema.resources(descriptor)[proposal.table]
        path = data_dir / resource["path"]
        before = path.read_bytes()
        at = land.record_count(before) + 1  # the spreadsheet row it will be
        row = changed_row(proposal, changes, resource["path"], at)
        table = land.appended(before, row)
        key = row[schema.primary_key(resource)[0]]
        log = _changelog(data_dir, descriptor)
        text = log.read_text(encoding="utf-8") if log.is_file() else ""
        bullet = (
            f"{proposal.table}: added {key} (from proposal {proposal_id}, "
            f"sentence {row['evidence_sentence_ids']})"
        )
        written = {path: table, log: land.changelog_with(text, bullet).encode("utf-8")}
        derived, added = staging.derive_change(data_dir, written)
        if added:
            raise Refused(added)
        files.update(written | derived)
    return Accepted(proposal.table, key, path)


def reject(
    data_dir: Path,
    proposal_id: str,
    reason: str = "",
    source_ids: tuple[str, ...] | None = None,
) -> None:
    """Record that the proposal is rejected, so it is never proposed again.

    ``source_ids``: the articles the proposal was listed from, as for accept.
    """
    with writer.change(data_dir, "propose reject") as files:
        proposal = listing.find_open(data_dir, proposal_id, source_ids)
        descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
        resource = schema.resources(descriptor).get(decisions.TABLE)
        if resource is None:
            raise Refused(f"datapackage.json declares no {decisions.TABLE} table")
        row = decisions.rejection(
            proposal_id,
            proposal.table,
            proposal.source_id,
            proposal.subject,
            proposal.row["evidence_quote"],
            date.today().isoformat(),
            reason,
        )
        problems = decisions.problems(row, resource)
        bad = land.formula_cells(row)
        if bad:
            problems.append(
                f"{resource['path']}, {bad[0]}: a spreadsheet would run "
                "it as a formula; start it otherwise"
            )
        if problems:
            raise Refused(problems)
        path = data_dir / resource["path"]
        current = (
            path.read_bytes()
            if path.is_file()
            else (",".join(schema.field_names(resource)) + "\n").encode("utf-8")
        )
        files[path] = land.appended(current, row)
