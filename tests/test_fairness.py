"""Right and fair: neutral words, no weak sources, every government's account."""

import csv
import io
import json

import pandas as pd
import pytest

from jkdefense.data import geo_checks, load, paths, rules, schema, wording
from tests.test_validate import rewrite, set_cell

DESCRIPTOR = schema.read_descriptor(paths.datapackage_path(paths.data_dir()))


def problems_of(data_dir, file: str) -> list:
    return [p for p in load.load_package(data_dir).problems if p.file == file]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("The A-50 twice entered ROK-claimed airspace over Dokdo/Takeshima.", True),
        ("It flew into Korean-claimed airspace.", True),
        ("They crossed the airspace Korea claims.", True),
        ("Airspace claimed by each country (Dokdo/Takeshima).", True),
        ("Korean airspace over Dokdo/Takeshima (Liancourt Rocks).", True),
        ("Violations over Dokdo/Takeshima in 2019, Rebun Island in 2024.", True),
        ("The airspace over Dokdo/Takeshima; Seoul and Tokyo each protested.", False),
        ("An Il-38 entered Japanese airspace off Rebun Island.", False),
        ("Japan claims the islets; Korea holds them.", False),
    ],
)
def test_one_side_s_wording_for_a_disputed_place_is_refused(text, refused):
    assert bool(wording.Wording.of(DESCRIPTOR).refused_in(text)) == refused


WORDED = [
    "The A-50 twice entered ROK-claimed airspace over Dokdo/Takeshima.",
    "Patrols in the East Sea resumed.",
    "",
    "Airspace claimed by each country (Dokdo/Takeshima).",
    "Violations over Dokdo/Takeshima in 2019, Rebun Island in 2024.",
    "An Il-38 entered Japanese airspace off Rebun Island.",
    "Japanese waters around TAKESHIMA are patrolled; see also Dokdo",
    "Takeshima",
    "The Sea of Japan (East Sea) and the Sea of Japan",
]


def refused_one_by_one(text: str) -> list[str]:
    """Each refused wording searched on its own, without the one-search screen."""
    found = []
    for pattern, reason, use_instead in wording.neutral_wording(DESCRIPTOR):
        match = pattern.search(text)
        if match:
            found.append(f"{match.group(0)!r} {reason}; write instead: {use_instead}")
    return found


def test_a_table_s_wording_is_judged_cell_by_cell_as_a_single_text_is():
    resource = schema.resources(DESCRIPTOR)["threats"]
    table = pd.DataFrame({"threat_description": WORDED}, dtype=str)
    window = DESCRIPTOR.get("x-disputed-names-window", wording.DEFAULT_NAME_WINDOW)
    expected = [
        (row + 2, message)
        for row, text in enumerate(WORDED)
        if text
        for message in [
            *refused_one_by_one(text),
            *(
                wording.disputed_name_problem(text, entry["names"], window)
                for entry in DESCRIPTOR["x-disputed-names"]
            ),
        ]
        if message
    ]
    found = [
        *wording.check_neutral_wording("threats.csv", table, resource, DESCRIPTOR),
        *wording.check_disputed_names("threats.csv", table, resource, DESCRIPTOR),
    ]
    assert {(p.row, p.field) for p in found} == {
        (row, "threat_description") for row, _ in expected
    }
    assert sorted((p.row, p.message) for p in found) == sorted(expected)
    assert {row for row, _ in expected} == {2, 3, 5, 6, 8, 9}


@pytest.mark.parametrize(
    "pattern",
    [r"(?i)\bthe (\w+) \1 waters\b", r"\b(?P<w>\w+) (?P=w) waters\b"],
)
def test_a_refused_wording_with_a_back_reference_or_flag_is_still_found(pattern):
    descriptor = {
        **DESCRIPTOR,
        "x-neutral-wording": [
            *DESCRIPTOR["x-neutral-wording"],
            {"pattern": pattern, "reason": "repeats", "use_instead": "once"},
        ],
    }
    resource = schema.resources(DESCRIPTOR)["threats"]
    table = pd.DataFrame(
        {"threat_description": ["Into the open open waters.", "Open waters."]},
        dtype=str,
    )
    found = wording.check_neutral_wording("threats.csv", table, resource, descriptor)
    assert [(p.row, p.message) for p in found] == [
        (2, "'the open open waters' repeats; write instead: once")
        if pattern.startswith("(?i)")
        else (2, "'open open waters' repeats; write instead: once")
    ]


def test_the_refused_wordings_live_in_the_data_package_with_what_to_write():
    rules_declared = DESCRIPTOR["x-neutral-wording"]
    assert len(rules_declared) >= 4
    for rule in rules_declared:
        assert rule["pattern"] and rule["reason"] and rule["use_instead"]
    message = wording.Wording.of(DESCRIPTOR).refused_in("ROK-claimed airspace")[0]
    assert "Dokdo/Takeshima" in message  # the neutral wording to use


def test_refused_wording_in_a_curated_cell_names_file_row_and_field(data_copy):
    rewrite(
        data_copy / "threats.csv",
        set_cell("threat_description", "Flights into ROK-claimed airspace.", row=2),
    )
    found = [
        p
        for p in problems_of(data_copy, "threats.csv")
        if (p.row, p.field) == (4, "threat_description")
    ]
    assert len(found) == 1
    assert "'ROK-claimed airspace'" in found[0].message
    assert "write instead" in found[0].message


@pytest.mark.parametrize(
    ("url", "category"),
    [
        ("https://en.wikipedia.org/wiki/Liancourt_Rocks", "wiki"),
        ("https://ja.wikisource.org/wiki/x", "wiki"),
        ("https://librewiki.net/index.php?title=x", "wiki"),
        ("https://scopedog.hatenablog.com/entry/2019/01/14/180000", "blog"),
        ("https://sun-bin.blogspot.com/2006/05/x.html", "blog"),
        ("https://wwnl.tistory.com/3277", "blog"),
        ("https://wonilvalve.com/index.php?q=https%3A%2F%2Fja.wikisource.org", "proxy"),
        ("https://example.org/fetch?url=https://www.mod.go.jp/x", "proxy"),
    ],
)
def test_wikis_blogs_and_proxy_copies_are_never_cited(url, category):
    table = pd.DataFrame({"reference_url": [url], "reference_tier": ["3"]})
    found = rules.check_references("t.csv", table, DESCRIPTOR)
    assert found and category in found[0].message


def test_a_tier_one_address_is_not_mistaken_for_a_proxy():
    table = pd.DataFrame(
        {
            "reference_url": [
                "https://www.mod.go.jp/e/press/release/2018/12/22a.html",
                "https://www.koreaherald.com/view.php?ud=20231219000112",
            ],
            "reference_tier": ["1", "2"],
        }
    )
    assert rules.check_references("t.csv", table, DESCRIPTOR) == []


def _rewrite_geo(path, column: str, value: str, row: int = 0) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1 + row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_the_map_s_files_are_checked_like_curated_rows(data_copy):
    geo = data_copy / "geo"
    _rewrite_geo(
        geo / "features.csv", "reference_url", "https://en.wikipedia.org/wiki/Ieodo"
    )
    _rewrite_geo(
        geo / "positions.csv", "position_note", "Inside ROK-claimed airspace.", row=0
    )
    found = [p for p in load.load_package(data_copy).problems if "geo/" in p.file]
    fields = {(p.file, p.row, p.field) for p in found}
    assert ("geo/features.csv", 2, "reference_url") in fields
    assert ("geo/positions.csv", 2, "position_note") in fields


def test_a_zone_line_citing_a_proxy_is_refused(data_copy):
    path = data_copy / "geo" / "zones.geojson"
    zones = json.loads(path.read_text(encoding="utf-8"))
    zones["features"][0]["properties"]["source_url"] = (
        "https://wonilvalve.com/index.php?q=https%3A%2F%2Fexample.org"
    )
    path.write_text(json.dumps(zones), encoding="utf-8")
    found = geo_checks.check_zones(data_copy / "geo", DESCRIPTOR)
    first = [p for p in found if p.row == 1]
    assert first and {(p.file, p.field) for p in first} == {
        ("geo/zones.geojson", "source_url")
    }
    assert all("proxy copy" in p.message for p in first)


def test_the_shipped_map_cites_no_wiki_blog_or_proxy():
    folder = paths.data_dir() / "geo"
    found = geo_checks.check_tables(folder, DESCRIPTOR) + geo_checks.check_zones(
        folder, DESCRIPTOR
    )
    assert found == []


def _accounts(**changes) -> pd.DataFrame:
    rows = {
        "account_id": ["r-jp-position", "r-kr-position"],
        "subject_table": ["incidents", "incidents"],
        "subject_id": ["2018-12-radar-incident", "2018-12-radar-incident"],
        "aspect_type": ["position", "position"],
        "account_of": ["JP", "KR"],
        "account_label": ["Japan MOD account", "ROK MND account"],
        "account_text": ["Tokyo says A.", "Seoul says B."],
    }
    return pd.DataFrame({**rows, **changes}, dtype=str)


def _raw(accounts: pd.DataFrame) -> dict:
    incidents = pd.DataFrame({"incident_id": ["2018-12-radar-incident"]}, dtype=str)
    return {"accounts": accounts, "incidents": incidents}


def test_a_contested_fact_needs_each_government_s_account():
    from jkdefense.data import contested

    assert contested.check_accounts(_raw(_accounts())) == []
    one_sided = _accounts(account_of=["JP", "JP"])
    found = contested.check_accounts(_raw(one_sided))
    assert [(p.file, p.row, p.field) for p in found] == [
        ("accounts.csv", 2, "account_of")
    ]
    assert "each government's account" in found[0].message
    same_label = _accounts(account_label=["Japan account", "Japan account"])
    assert [p.field for p in contested.check_accounts(_raw(same_label))] == [
        "account_label"
    ]
    unknown = _accounts(subject_id=["2018-12-radar-incident", "nowhere"])
    fields = [p.field for p in contested.check_accounts(_raw(unknown))]
    assert "subject_id" in fields


def test_an_account_rests_on_a_tier_one_or_two_source(data_copy):
    rewrite(data_copy / "accounts.csv", set_cell("reference_tier", "3", row=0))
    found = problems_of(data_copy, "accounts.csv")
    assert [(p.row, p.field) for p in found] == [(2, "reference_tier")]


def test_a_contested_position_is_drawn_for_every_account_or_none(tmp_path):
    folder = tmp_path / "geo"
    folder.mkdir()
    header = "incident_id,account_id,lat,lon\n"
    (folder / "positions.csv").write_text(
        header + "2018-12-radar-incident,r-jp-position,37.9,136.9\n",
        encoding="utf-8",
    )
    found = geo_checks.check_positions(folder, _raw(_accounts()))
    assert [(p.file, p.field) for p in found] == [("geo/positions.csv", "account_id")]
    assert "r-kr-position" in found[0].message
    (folder / "positions.csv").write_text(
        header + "2018-12-radar-incident,,37.9,136.9\n", encoding="utf-8"
    )
    found = geo_checks.check_positions(folder, _raw(_accounts()))
    assert any("must name the account" in p.message for p in found)


def test_every_contested_fact_of_the_package_has_two_accounts_or_more(package):
    accounts = package.tables["accounts"]
    facts = accounts.groupby(["subject_table", "subject_id", "aspect_type"])
    for fact, group in facts:
        assert group["account_of"].nunique() >= 2, fact
        assert (group["reference_tier"] <= 2).all(), fact


@pytest.mark.parametrize(
    "subject",
    ["2018-12-radar-incident", "2019-07-joint-air-patrol", "2025-12-j15-radar-lock-on"],
)
def test_the_audited_contested_incidents_carry_both_accounts(package, subject):
    accounts = package.tables["accounts"]
    told = accounts[accounts["subject_id"] == subject]
    assert told["account_of"].nunique() >= 2


def test_the_gsomia_episode_carries_both_governments_accounts(package):
    accounts = package.tables["accounts"]
    gsomia = accounts[accounts["subject_id"].str.contains("gsomia")]
    assert {"KR", "JP"} <= set(gsomia["account_of"])
    # The Pathway's GSOMIA changes show the accounts of the events they record.
    from jkdefense.analysis import accounts as accounts_view

    story = package.tables["developments"]
    notice = accounts_view.with_event_accounts(
        story[story["development_id"] == "2019-08-23-gsomia"], accounts
    )
    told = notice["accounts_text"].iloc[0]
    assert "ROK Blue House account" in told and "Japan MOFA account" in told


def test_the_radar_incident_is_placed_by_neither_account_and_told_by_both(package):
    from jkdefense.analysis import filters
    from jkdefense.data import geo
    from jkdefense.report import theatre

    positions = geo.read_positions(paths.data_dir() / "geo")
    radar = positions[positions["incident_id"] == "2018-12-radar-incident"]
    accounts = package.tables["accounts"].set_index("account_id")
    assert {accounts.at[a, "account_of"] for a in radar["account_id"]} >= {"JP", "KR"}
    assert radar["lat"].isna().all()  # no government published a position
    view = filters.ViewFilters(domains=("sea",), source_ids=package.source_ids)
    chart = theatre.map_chart(package.tables, view, LABELS, ["CN", "KP", "RU"])
    assert "2018-12-radar-incident" not in set(chart.data["incident_id"])
    for label, account in zip(
        radar["position_label"], radar["account_id"], strict=True
    ):
        assert accounts.at[account, "account_label"] in label
        assert label in chart.legend


LABELS = {"subtitle": "s", "source": "Source: x"}
