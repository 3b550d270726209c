"""The catalogue of broken data: one case (at least) for every declared rule.

Each case breaks a copy of the data folder in one way (tests/breakers.py) and
gives the line ``jkdefense validate`` must print for it: file, row, field and
part of the message. Cases that leave a table unusable (it cannot be read, or
its rows cannot be told apart) need a copy of their own and name the table, so
the pages that need it can be checked; the others break a row each and share
one copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jkdefense.data import problems as P  # noqa: N812  (rules, by their names)
from jkdefense.data import schema
from tests.breakers import (
    NEW_ARTICLE,
    Breaker,
    add_column,
    all_of,
    append_row,
    cut_in_half,
    drop_column,
    drop_last_row,
    edit,
    folder_instead,
    header,
    journal_left,
    new_article,
    remove,
    repeat_column,
    repeat_first_row,
    replace_bytes,
    seed_edited,
    sentence_text,
    write,
)

# What validate prints: "file row 3, field: message" (row and field optional).
_LINE = re.compile(r"^(?P<file>[^ ,:]+)(?: row (?P<row>\d+))?(?:, (?P<field>[^:]+))?: ")


@dataclass(frozen=True)
class Case:
    """A way to break the data, and the problem validate must name for it."""

    rule: str
    # The start of the line validate prints: file, row, field, part of the message.
    line: str
    breaks: Breaker
    # Set for a case that leaves a table unusable ("*": every table): it gets a
    # copy of its own, and the pages that need it must say so.
    table: str | None = None
    # Where else a page reads it, and must say so: (page, tabs key, tab label),
    # the key empty for a section of the page as it opens.
    shown: tuple[tuple[str, str, str], ...] = ()
    name: str = ""

    @property
    def where(self) -> tuple[str, int | None, str | None]:
        """The file, row and field the line names."""
        found = _LINE.match(self.line)
        assert found, self.line
        row = found["row"]
        return found["file"], int(row) if row else None, found["field"]

    @property
    def says(self) -> str:
        """The part of the message the line gives."""
        return self.line[_LINE.match(self.line).end() :]

    @property
    def file(self) -> str:
        return self.where[0]

    @property
    def id(self) -> str:
        """A short name for the test report."""
        return self.name or f"{self.rule}:{self.file}"


def threat(row: int, **cells: str) -> Breaker:
    return edit("threats.csv", row, **cells)


DOKDO = "Submarines sail near Dokdo every year."
KOREAN_AIRSPACE = "Flights into Korean airspace over Dokdo/Takeshima."
QUOTED_FIVE = "Their programs stand at political feasibility 5 of 5."
# One edit that breaks two rules: two cases share it (it is applied once).
# (Row 33 of sentences.parquet, yoon-2019-diplomat:s033, is cited: the app
# checks the sentences curated rows cite.)
SEED_NEVER_HAD = sentence_text(32, "Words the seed never had.")
UNNAMED_POSITION = edit("geo/positions.csv", 1, account_id="")
KOMATSU_LATIN1 = replace_bytes("companies.csv", b"Komatsu", "Kömatsu".encode("latin-1"))
STRAY_QUOTE = replace_bytes(
    "threats.csv", b"\ncn-air-adiz-incursions,", b'\n"cn-air"-adiz-incursions,'
)
UNDERSEA_PAIRINGS = (0, 1, 7, 14)  # company_pairings.csv rows of one domain
SEARCH = ("sources", "sources_tab", "Sentences")

# One row each, in one shared copy: no two touch the same cell.
ROW_CASES = [
    Case(
        P.REQUIRED,
        "threats.csv row 2, threat_name: required value is empty",
        threat(0, threat_name=""),
    ),
    Case(
        P.TYPE,
        "threats.csv row 3, severity_score: 'high' is not a valid integer",
        threat(1, severity_score="high"),
    ),
    Case(
        P.ENUM,
        "threats.csv row 4, domain_type: 'space' is not one of",
        threat(2, domain_type="space"),
    ),
    Case(
        P.MINIMUM,
        "threats.csv row 5, severity_score: 0 is below the minimum 1",
        threat(3, severity_score="0"),
    ),
    Case(
        P.MAXIMUM,
        "threats.csv row 6, severity_score: 9 is above the maximum 5",
        threat(4, severity_score="9"),
    ),
    Case(
        P.FOREIGN_KEY,
        "threats.csv row 8, actor_country_code: 'ZZ' is not a country_code",
        threat(6, actor_country_code="ZZ"),
    ),
    Case(
        P.INFERRED_NEEDS_NOTE,
        "threats.csv row 9, curation_note: required when evidence_type is inferred",
        threat(7, curation_note=""),
    ),
    Case(
        P.EVIDENCE_SENTENCE,
        "threats.csv row 10, evidence_sentence_ids: sentence yoon-2019-diplomat:s999",
        threat(8, evidence_sentence_ids="yoon-2019-diplomat:s999"),
    ),
    Case(
        P.QUOTE_VERBATIM,
        "threats.csv row 11, evidence_quote: quote 'Words the article never used'",
        threat(9, evidence_quote="Words the article never used"),
    ),
    Case(
        P.DISPUTED_NAMES,
        "threats.csv row 12, threat_description: 'Dokdo' is used without 'Takeshima'",
        threat(10, threat_description=DOKDO),
    ),
    Case(
        P.NEUTRAL_WORDING,
        "threats.csv row 13, threat_description: 'Korean airspace over Dokdo'",
        threat(11, threat_description=KOREAN_AIRSPACE),
    ),
    Case(
        P.RATIONALE_LEVEL,
        "threats.csv row 14, severity_rationale: should open with 'moderate:'",
        threat(12, severity_rationale="Middling: who knows."),
    ),
    Case(
        P.PATTERN,
        "threats.csv row 15, reference_url: 'ftp://example.org/x' does not match",
        threat(13, reference_url="ftp://example.org/x"),
    ),
    Case(
        P.INTEGER_RANGE,
        "scrambles.csv row 3, china_count: 99999999999999999999 is out of range",
        edit("scrambles.csv", 1, china_count="99999999999999999999"),
    ),
    Case(
        P.SCRAMBLE_TOTAL,
        "scrambles.csv row 4, total_count: ",
        edit("scrambles.csv", 2, total_count=lambda old: str(int(old) + 1)),
    ),
    Case(
        P.MAX_LENGTH,
        "incidents.csv row 2, incident_short_name: 30 characters, more than 26",
        edit("incidents.csv", 0, incident_short_name="x" * 30),
    ),
    Case(
        P.UNIQUE,
        "companies.csv row 3, company_short_name: duplicate key 'BAE Systems'",
        edit("companies.csv", 1, company_short_name="BAE Systems"),
    ),
    Case(
        P.NAMED_IN_QUOTE,
        "companies.csv row 3, is_named_in_article: true, but evidence_quote",
        edit("companies.csv", 1, is_named_in_article="true"),
    ),
    Case(
        P.URL_NEEDS_STATUS,
        "companies.csv row 4, reference_status: required when reference_url is set",
        edit("companies.csv", 2, reference_status=""),
    ),
    Case(
        P.URL_NEEDS_TIER,
        "companies.csv row 5, reference_tier: required when reference_url is set",
        edit("companies.csv", 3, reference_tier=""),
    ),
    Case(
        P.DO_NOT_CITE,
        "companies.csv row 6, reference_url: 'https://owiki.org/wiki/Komatsu' is a",
        edit("companies.csv", 4, reference_url="https://owiki.org/wiki/Komatsu"),
    ),
    Case(
        P.UNEXPECTED_COLUMN,
        "countries.csv row 1, colour: unexpected column",
        header("countries.csv", add_column("colour")),
    ),
    Case(
        P.TIER_NEEDS_URL,
        "countries.csv row 2, reference_tier: set, but reference_url is empty",
        edit("countries.csv", 0, reference_tier="2"),
    ),
    Case(
        P.ROW_WIDTH,
        "drivers.csv row 7: row has 2 cells",
        append_row("drivers.csv", ["extra", "row"]),
    ),
    Case(
        P.LIST_FOREIGN_KEY,
        "precedents.csv row 2, partner_country_codes: 'ZZ' is not a country_code",
        edit("precedents.csv", 0, partner_country_codes=lambda old: old + ";ZZ"),
    ),
    Case(
        P.MAKER_COUNTRY,
        "programs.csv row 3, kr_maker_company_id: 'jp-jsw' is a JP company, not KR",
        edit("programs.csv", 1, kr_maker_company_id="jp-jsw"),
    ),
    Case(
        P.CLAIM_SUBJECT,
        "claims.csv row 2, subject_id: 'no-such-agency' is not a agency_id",
        edit("claims.csv", 0, subject_id="no-such-agency"),
    ),
    Case(
        P.ALIAS_CONTEXT_ENTITY,
        "alias_contexts.csv row 2, entity_id: 'no-such-threat' is not a threat_id",
        edit("alias_contexts.csv", 0, entity_id="no-such-threat"),
    ),
    Case(
        P.ALIAS_CONTEXT_ALIAS,
        "alias_contexts.csv row 3, alias_name: 'Zone' is not an alias of threats:",
        edit("alias_contexts.csv", 1, alias_name="Zone"),
    ),
    Case(
        P.ALIAS_CONTEXT_PHRASES,
        "alias_contexts.csv row 4, needs_any: empty, and so is unless_any",
        edit("alias_contexts.csv", 2, needs_any=""),
    ),
    Case(
        P.CLAIM_CORRECT_NAME,
        "claims.csv row 4, correct_name: required for a claim about a name",
        edit("claims.csv", 2, correct_name=""),
    ),
    Case(
        P.CLAIM_REFERENCE,
        "claims.csv row 5, reference_url: required for a supported verdict",
        edit("claims.csv", 3, reference_url=""),
    ),
    Case(
        P.CLAIM_CHANGED_DATE,
        "claims.csv row 8, changed_date: required for an outdated claim",
        edit("claims.csv", 6, changed_date=""),
        name="claim-changed-date:missing",
    ),
    Case(
        P.CLAIM_CHANGED_DATE,
        "claims.csv row 9, changed_date: only an outdated claim has a changed_date",
        edit("claims.csv", 7, changed_date="2020-01-01"),
    ),
    Case(
        P.CLAIM_CHANGED_AFTER,
        "claims.csv row 11, changed_date: 2018-01-01 is not after the article's date",
        edit("claims.csv", 9, changed_date="2018-01-01"),
    ),
    Case(
        P.ACCOUNTS_OF_EACH,
        "accounts.csv row 2, account_of: ",  # "… has the account of JP only"
        edit("accounts.csv", 1, account_of="JP"),
    ),
    Case(
        P.ACCOUNT_LABEL,
        "accounts.csv row 5, account_label: 'Japan MOD account' labels two accounts",
        edit("accounts.csv", 3, account_label="Japan MOD account"),
    ),
    Case(
        P.REFERENCE_REQUIRED,
        "accounts.csv row 13, reference_url: required: ",
        edit("accounts.csv", 11, reference_url=""),
    ),
    Case(
        P.REFERENCE_TIER,
        "accounts.csv row 14, reference_tier: tier 3; must be 1 or 2",
        edit("accounts.csv", 12, reference_tier="3"),
    ),
    Case(
        P.REFERENCE_STATUS,
        "accounts.csv row 15, reference_status: must be verified",
        edit("accounts.csv", 13, reference_status="unverified"),
    ),
    Case(
        P.ACCOUNT_SUBJECT,
        "accounts.csv row 17, subject_id: 'no-such-incident' is not a incident_id",
        edit("accounts.csv", 15, subject_id="no-such-incident"),
    ),
    Case(
        P.DEVELOPMENT_AFTER,
        "developments.csv row 3, development_date: 2019-01-05 is not after",
        edit("developments.csv", 1, development_date="2019-01-05"),
    ),
    Case(
        P.DEVELOPMENT_SUBJECT,
        "developments.csv row 7, subject_id: 'no-such-step' is not a step_id",
        edit("developments.csv", 5, subject_id="no-such-step"),
    ),
    Case(
        P.DEVELOPMENT_CONTINUES,
        "developments.csv row 20, state_before_type: 'none', but the development in",
        edit("developments.csv", 18, state_before_type="none"),
    ),
    Case(
        P.RUBRIC_SCORE_LEVEL,
        "rubrics.csv row 2, level: a score level is 1 to 5",
        edit("rubrics.csv", 0, level="6"),
    ),
    Case(
        P.RUBRIC_EXAMPLE,
        "rubrics.csv row 4, example_id: 'no-such-threat' is not a threat_id",
        edit("rubrics.csv", 2, example_id="no-such-threat"),
    ),
    Case(
        P.RUBRIC_EXAMPLE_LEVEL,
        "rubrics.csv row 5, example_id: 'kp-missile-nuclear-missiles' has severity",
        edit("rubrics.csv", 3, example_id="kp-missile-nuclear-missiles"),
    ),
    Case(
        P.RUBRIC_FIELD,
        "rubrics.csv row 9, field_name: threats.trend_note is not an analyst judgment",
        edit("rubrics.csv", 7, field_name="trend_note"),
    ),
    Case(
        P.RUBRIC_LEVELS,
        "rubrics.csv, level: program_threats.answer_type has no rubric for level",
        drop_last_row("rubrics.csv"),
    ),
    Case(
        P.PAIRING_COUNTRY,
        "company_pairings.csv row 2, kr_company_id: 'jp-mhi' is not a KR company",
        edit("company_pairings.csv", 0, kr_company_id="jp-mhi"),
    ),
    Case(
        P.PAIRING_DOMAIN,
        "company_pairings.csv row 4, jp_company_id: 'jp-toshiba' does not list",
        edit("company_pairings.csv", 2, jp_company_id="jp-toshiba"),
    ),
    Case(
        P.BRIDGE_SUPPLIER,
        "company_pairings.csv row 5, bridge_company_ids: 'jp-mhi' is not a supplier",
        edit("company_pairings.csv", 3, bridge_company_ids="jp-mhi"),
    ),
    Case(
        P.PAIRING_PROGRAMS,
        "company_pairings.csv row 6, program_ids: empty: a pairing serves",
        edit("company_pairings.csv", 4, program_ids=""),
    ),
    Case(
        P.PAIRING_POLITICAL,
        "company_pairings.csv row 7, pairing_summary: quotes political feasibility 5",
        edit("company_pairings.csv", 5, pairing_summary=QUOTED_FIVE),
    ),
    Case(
        P.PAIRING_PROGRAM_DOMAIN,
        "company_pairings.csv row 8, program_ids: 'main-battle-tank' is a land",
        edit("company_pairings.csv", 6, program_ids="main-battle-tank"),
    ),
    Case(
        P.SCORE_DISCRIMINATES,
        "company_pairings.csv, supply_chain_score: one value for all 4 undersea rows",
        all_of(
            *(
                edit("company_pairings.csv", row, supply_chain_score="2")
                for row in UNDERSEA_PAIRINGS
            )
        ),
    ),
    Case(
        P.SEED_UNCHANGED,
        "sources.csv row 6, seed_sha256: seeds/whitehouse-2025-trump-lee-joint",
        seed_edited(4),
    ),
    Case(
        P.SEED_EXISTS,
        "sources.csv row 7, seed_path: seed file 'seeds/missing.txt' not found",
        edit("sources.csv", 5, seed_path="seeds/missing.txt"),
    ),
    Case(
        P.FEED_NOT_DERIVED,
        f"sentences.parquet, source_id: no sentences for {NEW_ARTICLE}",
        new_article,
    ),
    Case(
        P.SENTENCE_MATCHES_SEED,
        "sentences.parquet row 34, text: does not match the seed",
        SEED_NEVER_HAD,
    ),
    Case(
        P.DERIVED_MISMATCH,
        "sentences.parquet: not the file the last change wrote",
        SEED_NEVER_HAD,
    ),
    Case(
        P.DERIVED_STALE,
        "manifest.json, derived_from: the derived tables were built before",
        new_article,
    ),
    Case(
        P.GEO_UNREADABLE,
        "geo/zones.geojson: cannot read",
        write("geo/zones.geojson", "{"),
    ),
    Case(
        P.POSITION_NAMES_ACCOUNT,
        "geo/positions.csv row 3, account_id: governments give different positions",
        UNNAMED_POSITION,
    ),
    Case(
        P.POSITIONS_COMPLETE,
        "geo/positions.csv, account_id: '2018-12-radar-incident' is plotted without",
        UNNAMED_POSITION,
    ),
    Case(
        P.POSITION_INCIDENT,
        "geo/positions.csv row 5, incident_id: 'no-such-incident' is not in",
        edit("geo/positions.csv", 3, incident_id="no-such-incident"),
    ),
    Case(
        P.DO_NOT_CITE,
        "geo/positions.csv row 5, position_source_url: 'https://owiki.org/x' is a",
        edit("geo/positions.csv", 3, position_source_url="https://owiki.org/x"),
        name="do-not-cite:geo",
    ),
    Case(
        P.POSITION_ACCOUNT,
        "geo/positions.csv row 6, account_id: '2018-12-radar-incident-jp-position'",
        edit("geo/positions.csv", 4, account_id="2018-12-radar-incident-jp-position"),
    ),
    Case(
        P.DISPUTED_NAMES,
        "geo/features.csv row 2, feature_name: 'Dokdo' is used without 'Takeshima'",
        edit("geo/features.csv", 0, feature_name="Dokdo"),
        name="disputed-names:geo",
    ),
    Case(
        P.NEUTRAL_WORDING,
        "geo/features.csv row 2, names_note: 'Korean airspace over Dokdo'",
        edit("geo/features.csv", 0, names_note=KOREAN_AIRSPACE),
        name="neutral-wording:geo",
    ),
]

# Each leaves one table (or every table: "*") unusable, or needs a copy of its
# own for another reason: a copy each.
TABLE_CASES = [
    Case(
        P.DESCRIPTOR_UNREADABLE,
        "datapackage.json: cannot read",
        cut_in_half("datapackage.json"),
        table="*",
    ),
    Case(
        P.DESCRIPTOR_UNREADABLE,
        "datapackage.json: not a data package",
        write("datapackage.json", '{"resources": [{"name": "threats"}]}'),
        table="*",
        name="descriptor-unreadable:not-a-package",
    ),
    Case(
        P.FILE_MISSING,
        "sources.csv: file is missing",
        remove("sources.csv"),
        table="sources",
    ),
    Case(
        P.FILE_UNREADABLE,
        "programs.csv: is a folder, not a file",
        folder_instead("programs.csv"),
        table="programs",
    ),
    Case(
        P.FILE_UNREADABLE,
        "sentences.parquet: is a folder, not a file",
        folder_instead("sentences.parquet"),
        table="sentences",
        shown=(SEARCH,),
    ),
    Case(
        P.FILE_EMPTY,
        "countries.csv: file is empty",
        write("countries.csv", ""),
        table="countries",
    ),
    Case(
        P.NOT_UTF8,
        "companies.csv row 4: not UTF-8: byte 0xf6 on line 4",
        KOMATSU_LATIN1,
        table="companies",
    ),
    Case(
        P.MALFORMED_CSV,
        "threats.csv: malformed CSV",
        STRAY_QUOTE,
        table="threats",
    ),
    Case(
        P.MISSING_COLUMN,
        "incidents.csv row 1, incident_type: missing column",
        header("incidents.csv", drop_column("incident_type")),
        table="incidents",
    ),
    Case(
        P.REPEATED_COLUMN,
        "pathway.csv row 1, step_name: column appears more than once",
        header("pathway.csv", repeat_column("step_name")),
        table="pathway",
    ),
    *(
        Case(
            P.PARQUET_UNREADABLE,
            f"{name}.parquet: cannot read Parquet",
            cut_in_half(f"{name}.parquet"),
            table=name,
            shown=(sources_tab,),
        )
        for name, sources_tab in (
            ("sentences", SEARCH),
            ("mentions", SEARCH),
            ("entity_mentions", ("sources", "sources_tab", "Mentions")),
            ("sentence_entities", ("sources", "sources_tab", "Curation queue")),
        )
    ),
    *(
        Case(
            P.DUPLICATE_KEY,
            f"{name}.csv row 3, {key}: duplicate key",
            repeat_first_row(f"{name}.csv"),
            table=name,
        )
        for name, key in (("programs", "program_id"), ("companies", "company_id"))
    ),
    Case(
        P.DUPLICATE_KEY,
        "mentions.parquet row 3, sentence_id+char_start+entity_table+entity_id: ",
        repeat_first_row("mentions.parquet"),
        table="mentions",
        shown=(SEARCH,),
    ),
    Case(
        P.FILE_EMPTY,
        "drivers.csv: file is empty",
        write("drivers.csv", ""),
        table="drivers",
        shown=(("pathway", "pathway_section", "Why now"),),
        name="file-empty:drivers.csv",
    ),
    Case(
        P.DUPLICATE_KEY,
        "developments.csv row 3, development_id: duplicate key",
        repeat_first_row("developments.csv"),
        table="developments",
        shown=(
            ("overview", "", ""),
            ("pathway", "pathway_section", "Since the article"),
        ),
    ),
    # Every table usable, but the case needs a copy of its own.
    Case(
        P.MANIFEST_MISSING,
        "manifest.json: missing or unreadable",
        remove("manifest.json"),
    ),
    Case(
        P.CHANGE_INTERRUPTED,
        ".journal-interrupted.json: a change was interrupted",
        journal_left,
    ),
]


def key_of(resource: dict) -> str:
    """How a problem names a table's primary key: its columns joined by '+'."""
    return "+".join(schema.primary_key(resource))
