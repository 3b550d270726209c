"""The one shape every data problem takes: file, row, field and a plain message.

Each problem names the rule it breaks. Every rule the validator checks is
declared once, at the end of this module, by name and what it requires: so the
rules can be listed (the tests hold a broken case for each), and a reader can
tell a table that cannot be used at all (``breaks_table``) from one with a bad
row.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

# Row numbers count like a spreadsheet: the header is row 1, the first record row 2.
HEADER_ROW = 1
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class Rule:
    """A rule of the validator: what it requires, and what breaking it costs.

    ``breaks_table``: a table that breaks it cannot be used (it cannot be read,
    or its rows cannot be told apart), so pages that need it say so instead.
    """

    name: str
    requires: str
    breaks_table: bool = False


# Every declared rule by name (the declarations close this module).
RULES: dict[str, Rule] = {}


def rule(name: str, requires: str, breaks_table: bool = False) -> str:
    """Declare a rule of the validator and return its name (for Problem.rule)."""
    declared = Rule(name, requires, breaks_table)
    if RULES.setdefault(name, declared) != declared:
        raise ValueError(f"rule {name!r} is declared twice, differently")
    return name


def table_rule(name: str, requires: str) -> str:
    """Declare a rule that, once broken, leaves the whole table unusable."""
    return rule(name, requires, breaks_table=True)


@dataclass(frozen=True, order=True)
class Problem:
    """A data problem; ``row`` and ``field`` are None when the whole file is."""

    file: str
    row: int | None
    field: str | None
    message: str
    # The declared rule it breaks (RULES); not part of what makes two equal.
    rule: str = dataclasses.field(default="", compare=False)

    @property
    def breaks_table(self) -> bool:
        """True when the file cannot be used at all because of this problem."""
        declared = RULES.get(self.rule)
        return declared is not None and declared.breaks_table

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.field:
            where += f", {self.field}"
        return f"{where}: {self.message}"


def summary_lines(problems: list[Problem], limit: int = 20) -> list[str]:
    """One line per problem, the first ``limit`` of them, then how many more."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(
            f"… and {len(problems) - limit} more: jkdefense validate lists them all"
        )
    return lines


def data_row(index: int) -> int:
    """Return the spreadsheet row of the record at 0-based ``index``."""
    return index + FIRST_DATA_ROW


# The rules, by where they are checked. A new check declares its rule here.

# Files (jkdefense.data.load, reading, derived_checks): a table that breaks these
# cannot be used.
DESCRIPTOR_UNREADABLE = table_rule(
    "descriptor-unreadable", "datapackage.json is a readable JSON descriptor"
)
FILE_MISSING = table_rule("file-missing", "every table the descriptor declares exists")
FILE_UNREADABLE = table_rule(
    "file-unreadable", "a table's path is a file the app can read"
)
FILE_EMPTY = table_rule("file-empty", "a CSV table has at least a header row")
NOT_UTF8 = table_rule("not-utf8", "a CSV table is UTF-8 text")
MALFORMED_CSV = table_rule("malformed-csv", "a CSV table follows CSV quoting")
PARQUET_UNREADABLE = table_rule(
    "parquet-unreadable", "a derived table is a whole Parquet file"
)
ROW_WIDTH = rule("row-width", "a row has as many cells as the header")
FEED_NOT_DERIVED = rule(
    "feed-not-derived", "every article of sources.csv has its sentences derived"
)

# Table Schema (jkdefense.data.schema_checks).
MISSING_COLUMN = table_rule(
    "missing-column", "every column the schema declares is in the header"
)
UNEXPECTED_COLUMN = rule("unexpected-column", "no column the schema does not declare")
REPEATED_COLUMN = table_rule(
    "repeated-column", "each column appears once in the header"
)
REQUIRED = rule("required", "a required cell is not empty")
TYPE = rule("type", "a cell holds a value of its field's type")
PATTERN = rule("pattern", "a cell (each item of a list) matches its field's pattern")
ENUM = rule("enum", "a cell (each item of a list) is one of its field's values")
INTEGER_RANGE = rule("integer-range", "an integer fits in 64 bits")
MINIMUM = rule("minimum", "a number is at least its field's minimum")
MAXIMUM = rule("maximum", "a number is at most its field's maximum")
MAX_LENGTH = rule("max-length", "a cell is no longer than its field's maxLength")
DUPLICATE_KEY = table_rule(
    "duplicate-key",
    "each row has a primary key of its own (its rows can be told apart)",
)
UNIQUE = rule("unique", "a column declared unique repeats no value")

# Between tables and files (jkdefense.data.checks, evidence_checks, seed_checks).
FOREIGN_KEY = rule("foreign-key", "a reference names a row of the table it points to")
LIST_FOREIGN_KEY = rule(
    "list-foreign-key", "each item of a list reference names a row it points to"
)
INFERRED_NEEDS_NOTE = rule(
    "inferred-needs-note", "an inferred row says how in its curation_note"
)
URL_NEEDS_STATUS = rule(
    "url-needs-status", "a row with a reference_url has a reference_status"
)
EVIDENCE_SENTENCE = rule(
    "evidence-sentence", "every cited sentence id is a sentence of the feed"
)
QUOTE_VERBATIM = rule(
    "quote-verbatim", "an evidence quote is verbatim text of its cited sentences"
)
SEED_EXISTS = rule("seed-exists", "each article's seed file exists")
SEED_UNCHANGED = rule("seed-unchanged", "a seed's SHA-256 is the one the feed records")
SENTENCE_MATCHES_SEED = rule(
    "sentence-matches-seed", "a sentence is its seed's text between its offsets"
)
SCRAMBLE_TOTAL = rule("scramble-total", "china + russia + other make the total")
CLAIM_SUBJECT = rule("claim-subject", "a claim's subject is a row of its table")
ALIAS_CONTEXT_ENTITY = rule(
    "alias-context-entity", "an alias context names a row of its entity_table"
)
ALIAS_CONTEXT_ALIAS = rule(
    "alias-context-alias", "an alias context's alias is one of its entity's aliases"
)
ALIAS_CONTEXT_PHRASES = rule(
    "alias-context-phrases",
    "an alias context needs or rules out at least one phrase, and also_needs_any "
    "goes with needs_any",
)

# Content rules the package declares (jkdefense.data.rules, wording).
URL_NEEDS_TIER = rule("url-needs-tier", "a row with a reference_url gives its tier")
TIER_NEEDS_URL = rule("tier-needs-url", "a reference_tier goes with a reference_url")
DO_NOT_CITE = rule("do-not-cite", "no reference comes from a do-not-cite source")
DISPUTED_NAMES = rule(
    "disputed-names", "a disputed name is given with its other name on first use"
)
NEUTRAL_WORDING = rule("neutral-wording", "prose avoids the package's refused wording")
NAMED_IN_QUOTE = rule(
    "named-in-quote", "a row the article names quotes one of the row's names"
)
CLAIM_CORRECT_NAME = rule(
    "claim-correct-name", "a claim about a name gives the correct name"
)
CLAIM_REFERENCE = rule(
    "claim-reference", "a checked claim says where it was checked (reference_url)"
)
CLAIM_CHANGED_DATE = rule(
    "claim-changed-date", "only an outdated claim has a changed_date, and it has one"
)
CLAIM_CHANGED_AFTER = rule(
    "claim-changed-after", "an outdated claim changed after its article appeared"
)

# Contested facts (jkdefense.data.contested).
ACCOUNT_SUBJECT = rule("account-subject", "an account's subject is a row of its table")
ACCOUNTS_OF_EACH = rule(
    "accounts-of-each", "a contested fact has two governments' accounts or more"
)
ACCOUNT_LABEL = rule("account-label", "the accounts of a fact have distinct labels")
REFERENCE_REQUIRED = rule(
    "reference-required", "a table that declares x-reference-required cites one"
)
REFERENCE_TIER = rule(
    "reference-tier", "such a reference is of a tier the declaration allows"
)
REFERENCE_STATUS = rule(
    "reference-status", "such a reference has the status the declaration asks"
)

# Rubrics and agreement between pages (jkdefense.data.rubric_checks, consistency).
RUBRIC_LEVELS = rule("rubric-levels", "every level of every judgment has a rubric")
RUBRIC_FIELD = rule("rubric-field", "a rubric row names an analyst judgment")
RUBRIC_SCORE_LEVEL = rule("rubric-score-level", "a score's rubric level is 1 to 5")
RUBRIC_EXAMPLE = rule("rubric-example", "a rubric's example is a row of its table")
RUBRIC_EXAMPLE_LEVEL = rule(
    "rubric-example-level", "a rubric's example row stands at that level"
)
RATIONALE_LEVEL = rule(
    "rationale-level", "a rationale opens with its level's name from rubrics.csv"
)
MAKER_COUNTRY = rule("maker-country", "a program's KR and JP makers are of that side")
PAIRING_COUNTRY = rule(
    "pairing-country", "a pairing's KR and JP companies are of that side"
)
PAIRING_DOMAIN = rule(
    "pairing-domain", "a pairing's companies list the pairing's domain"
)
BRIDGE_SUPPLIER = rule("bridge-supplier", "a pairing's bridge companies are suppliers")
PAIRING_PROGRAMS = rule("pairing-programs", "a pairing serves at least one program")
PAIRING_POLITICAL = rule(
    "pairing-political", "a political score a pairing quotes is its programs'"
)
PAIRING_PROGRAM_DOMAIN = rule(
    "pairing-program-domain", "a pairing's programs are of its domain or multi"
)
SCORE_DISCRIMINATES = rule(
    "score-discriminates", "a score differs between the pairings of a large domain"
)
DEVELOPMENT_SUBJECT = rule(
    "development-subject", "a development's subject is a row of its table"
)
DEVELOPMENT_AFTER = rule(
    "development-after", "a development comes after the article (March 2019)"
)
DEVELOPMENT_CONTINUES = rule(
    "development-continues", "a development starts where the previous one left off"
)

# The theatre map's files (jkdefense.data.geo_checks).
GEO_UNREADABLE = rule("geo-unreadable", "each map file is readable, whole and shaped")
POSITION_INCIDENT = rule(
    "position-incident", "a map position names an incident of incidents.csv"
)
POSITION_ACCOUNT = rule(
    "position-account", "a position plots an account of its own incident"
)
POSITION_NAMES_ACCOUNT = rule(
    "position-names-account", "a contested incident's position names its account"
)
POSITIONS_COMPLETE = rule(
    "positions-complete", "a contested incident is drawn for every account, or none"
)

# The derived tables and what the last change wrote (jkdefense.data.manifest).
CHANGE_INTERRUPTED = rule(
    "change-interrupted", "no change of the data folder is left half landed"
)
MANIFEST_MISSING = rule("manifest-missing", "manifest.json is there and readable")
DERIVED_STALE = rule(
    "derived-stale", "the derived tables were built from the current feed and aliases"
)
DERIVED_MISMATCH = rule(
    "derived-mismatch", "each derived file is the one the last change wrote"
)
