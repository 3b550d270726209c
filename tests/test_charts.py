"""Chart builders return specs that plot the data given, titled and sourced."""

import json

import pandas as pd

from jkdefense.render import (
    bars,
    count_bars,
    grids,
    rankings,
    route,
    timelines,
    trends,
)

LABELS = {
    "title": "A finding",
    "subtitle": "Filters: all domains",
    "source": "Source: X.",
}


def spec(chart):
    return chart.to_dict()


def data_of(chart_dict):
    datasets = chart_dict["datasets"]
    return next(iter(datasets.values()))


def assert_captioned(result: dict) -> None:
    """The filters and the source sit under the plot; the finding is not drawn."""
    assert result["title"]["orient"] == "bottom"
    assert result["title"]["text"] == ["Filters: all domains"]
    assert result["title"]["subtitle"] == ["Source: X."]
    assert "A finding" not in json.dumps(result)


def test_threat_matrix_encodes_actor_domain_and_severity():
    cells = pd.DataFrame(
        {
            "actor_name": ["China"],
            "domain_type": ["air"],
            "severity_score": [4],
            "threat_count": [1],
            "threat_names": ["x"],
        }
    )
    result = spec(grids.threat_matrix_chart(cells, **LABELS))
    assert_captioned(result)
    heat = result["layer"][0]["encoding"]
    assert heat["x"]["field"] == "domain_type" and heat["y"]["field"] == "actor_name"
    assert heat["color"]["scale"]["domain"] == [1, 5]
    assert data_of(result)[0]["severity_score"] == 4


def test_incident_timeline_colours_by_domain_and_labels_every_event():
    events = pd.DataFrame(
        {
            "incident_date": pd.to_datetime(["2018-12-20", "2023-08-18"]),
            "incident_type": ["confrontation", "summit"],
            "domain_type": ["sea", "multi"],
            "is_mentioned_in_article": [True, False],
            "incident_name": ["Radar incident of December", "Camp David summit"],
            "incident_short_name": ["Radar incident", "Camp David"],
            "incident_description": ["d", "e"],
        }
    )
    result = spec(timelines.incident_timeline_chart(events, **LABELS))
    points, right, left = result["layer"]
    assert points["encoding"]["color"]["scale"]["range"][1] == "#44AA99"  # sea
    assert points["encoding"]["stroke"]["condition"]["value"] == "black"
    # Events the article does not cite keep an edge a pale fill can be seen by.
    assert points["encoding"]["stroke"]["value"] == timelines.UNCITED_EDGE != "white"
    # Year labels, one tick a year, so a wide export never repeats a year.
    assert points["encoding"]["x"]["axis"]["tickCount"] == "year"
    assert right["encoding"]["text"]["field"] == "timeline_label"
    assert left["mark"]["align"] == "right"  # labels near the end turn left
    # Without accounts, an event is labelled with its short name.
    assert [row["timeline_label"] for row in data_of(result)] == [
        "Radar incident",
        "Camp David",
    ]


def test_a_contested_event_is_labelled_so_and_carries_every_account():
    from jkdefense.report import threats

    events = pd.DataFrame(
        {
            "incident_id": ["2018-12-radar", "2023-08-camp-david"],
            "incident_date": pd.to_datetime(["2018-12-20", "2023-08-18"]),
            "incident_type": ["confrontation", "summit"],
            "domain_type": ["sea", "multi"],
            "is_mentioned_in_article": [True, False],
            "incident_name": ["Radar incident of December", "Camp David summit"],
            "incident_short_name": ["Radar incident", "Camp David"],
            "incident_description": ["d", "e"],
        }
    )
    accounts = pd.DataFrame(
        {
            "subject_table": ["incidents", "incidents"],
            "subject_id": ["2018-12-radar", "2018-12-radar"],
            "aspect_type": ["position", "position"],
            "account_label": ["ROK MND account", "Japan MOD account"],
            "account_text": ["Seoul says A.", "Tokyo says B."],
        }
    )
    shown = threats.contested_events(events, accounts)
    result = spec(timelines.incident_timeline_chart(shown, **LABELS))
    rows = {row["incident_id"]: row for row in data_of(result)}
    radar = rows["2018-12-radar"]
    assert radar["timeline_label"] == "Radar incident (accounts differ)"
    assert radar["accounts_text"] == (
        "Japan MOD account (where): Tokyo says B. | "
        "ROK MND account (where): Seoul says A."
    )
    assert rows["2023-08-camp-david"]["accounts_text"] == ""
    tooltip = [t["field"] for t in result["layer"][0]["encoding"]["tooltip"]]
    assert "accounts_text" in tooltip


def test_timeline_labels_never_share_a_stretch_of_a_lane():
    dates = pd.to_datetime(
        ["2019-01-01", "2019-01-15", "2019-02-01", "2021-06-01", "2024-11-01"]
    )
    events = pd.DataFrame(
        {
            "incident_date": dates,
            "incident_short_name": [
                "Joint patrol 2019",
                "GSOMIA notice",
                "A",
                "B",
                "C",
            ],
        }
    )
    laid = timelines.timeline_lanes(events)
    span = (dates.max() - dates.min()).total_seconds()
    boxes = []
    for row in laid.itertuples():
        x = (row.incident_date - dates.min()).total_seconds() / span
        x *= timelines.TIMELINE_WIDTH_PX
        width = len(row.incident_short_name) * timelines.LABEL_CHAR_PX
        box = (x, x + width) if row.label_side == "right" else (x - width, x)
        boxes.append((row.lane, *box))
    for i, (lane, start, end) in enumerate(boxes):
        for other_lane, other_start, other_end in boxes[i + 1 :]:
            if lane == other_lane:
                assert end < other_start or other_end < start
    # Three events within a month need three lanes; the last label turns left.
    assert laid["lane"].iloc[:3].nunique() == 3
    assert laid["label_side"].iloc[-1] == "left"


def test_score_heatmap_keeps_the_given_row_order():
    scores = pd.DataFrame(
        {
            "program_name": ["b", "b", "a", "a"],
            "criterion_name": ["X", "Y", "X", "Y"],
            "score": [5, 4, 2, 1],
            "rationale": ["r"] * 4,
        }
    )
    result = spec(
        grids.score_heatmap(
            scores, label_field="program_name", label_title="Program", **LABELS
        )
    )
    assert result["layer"][0]["encoding"]["y"]["sort"] == ["b", "a"]


def test_rank_stability_draws_range_and_rank():
    stability = pd.DataFrame(
        {
            "program_id": ["p"],
            "program_name": ["tanks"],
            "rank": [1],
            "rank_min": [1],
            "rank_median": [1.0],
            "rank_max": [3],
            "share_same_rank": [0.6],
        }
    )
    result = spec(rankings.rank_stability_chart(stability, **LABELS))
    assert result["layer"][0]["encoding"]["x2"]["field"] == "rank_max"
    assert result["layer"][1]["encoding"]["x"]["field"] == "rank"
    axis = result["layer"][0]["encoding"]["x"]
    assert axis["axis"]["values"] == [1] and axis["scale"]["nice"] is False


def test_pairing_matrix_and_precedents_and_mentions_and_verdicts():
    matrix = pd.DataFrame(
        {
            "kr_company_name": ["K"],
            "jp_company_name": ["J"],
            "pairing_score": [4.25],
            "domains": ["sea"],
            "pairing_count": [1],
        }
    )
    assert (
        data_of(spec(grids.pairing_matrix_chart(matrix, **LABELS)))[0]["pairing_score"]
        == 4.25
    )
    partners = pd.DataFrame(
        {
            "precedent_name": ["GCAP", "GCAP"],
            "domain_type": ["air"] * 2,
            "start_year": [2022] * 2,
            "country_code": ["JP", "GB"],
            "country_name": ["Japan", "United Kingdom"],
        }
    )
    grid = spec(grids.precedent_partner_chart(partners, **LABELS))
    assert grid["encoding"]["x"]["field"] == "country_name"
    assert len(data_of(grid)) == 2
    counts = pd.DataFrame(
        {
            "entity_name": ["Japan"],
            "entity_table": ["countries"],
            "source_title": ["T"],
            "mention_count": [12],
        }
    )
    assert (
        spec(count_bars.mention_chart(counts, **LABELS))["encoding"]["x"]["field"]
        == "mention_count"
    )
    claims = pd.DataFrame({"verdict_type": ["wrong", "supported", "wrong"]})
    verdicts = spec(count_bars.verdict_chart(claims, **LABELS))
    assert len(data_of(verdicts)) == 3
    assert "'_', ' '" in verdicts["encoding"]["y"]["axis"]["labelExpr"]
    # Counts tick in whole numbers, however wide the chart is drawn.
    for counted in (verdicts, spec(count_bars.mention_chart(counts, **LABELS))):
        assert counted["encoding"]["x"]["axis"] == {"format": "d", "tickMinStep": 1}


def test_coverage_chart_stacks_domains():
    coverage = pd.DataFrame(
        {
            "domain_type": ["sea", "air"],
            "row_count": [2, 3],
            "table_name": ["Threats", "Threats"],
        }
    )
    result = spec(count_bars.coverage_chart(coverage, **LABELS))
    assert result["encoding"]["color"]["field"] == "domain_type"
    assert result["encoding"]["x"]["axis"] == {"format": "d", "tickMinStep": 1}


def test_ranking_chart_puts_the_best_program_on_top_and_stacks_criteria():
    parts = pd.DataFrame(
        {
            "program_name": ["b", "b", "a", "a"],
            "criterion_name": ["X", "Y", "X", "Y"],
            "score": [1, 1, 5, 5],
            "contribution": [0.5, 0.5, 2.5, 2.5],
        }
    )
    result = spec(rankings.ranking_chart(parts, **LABELS))
    assert_captioned(result)
    encoding = result["encoding"]
    assert encoding["y"]["sort"] == ["a", "b"]  # Vega-Lite draws the first on top
    assert encoding["x"]["stack"] == "zero"
    assert encoding["color"]["scale"]["domain"] == ["X", "Y"]
    assert encoding["order"]["field"] == "criterion_order"
    rows = data_of(result)
    assert {(r["program_name"], r["criterion_order"]) for r in rows} == {
        ("a", 0),
        ("a", 1),
        ("b", 0),
        ("b", 1),
    }


def test_scramble_chart_stacks_china_first_and_marks_the_turning_points():
    long = pd.DataFrame(
        {
            "fiscal_year": [2018, 2018, 2018, 2019, 2019],
            "actor_code": ["other", "RU", "CN", "CN", "RU"],
            "scramble_count": [18, 343, 638, 675, 268],
        }
    )
    markers = [(2018.4, "Article"), (2018.9, "GSOMIA notice"), (2022.9, "Camp David")]
    result = spec(trends.scramble_chart(long, markers=markers, **LABELS))
    assert_captioned(result)
    bars, lines, halo, ink = result["layer"]
    rows = result["datasets"][bars["data"]["name"]]
    # China at the foot of each bar, then Russia, then the rest, each on the last.
    spans = {(r["fiscal_year"], r["actor_name"]): (r["foot"], r["top"]) for r in rows}
    assert spans[(2018, "China")] == (0, 638)
    assert spans[(2018, "Russia")] == (638, 981)
    assert spans[(2018, "Other")] == (981, 999)
    assert spans[(2019, "Russia")] == (675, 943)
    assert bars["encoding"]["color"]["scale"]["domain"] == ["China", "Russia", "Other"]
    # A dotted line and a label per turning point; close ones at other heights.
    marked = result["datasets"][lines["data"]["name"]]
    assert [m["position"] for m in marked] == [2018.4, 2018.9, 2022.9]
    assert lines["mark"]["strokeDash"]
    tops = {m["label"]: m["label_top"] for m in marked}
    assert tops["Article"] != tops["GSOMIA notice"]
    assert ink["encoding"]["text"]["field"] == "label"


def test_parts_chart_keeps_the_order_and_writes_each_score_on_its_bar():
    parts = pd.DataFrame(
        {
            "criterion_name": ["B first", "A second"],
            "score": [4, 2],
            "rationale": ["r1", "r2"],
        }
    )
    result = spec(bars.parts_chart(parts, **LABELS))
    assert_captioned(result)
    assert [r["score"] for r in data_of(result)] == [4, 2]
    bar_layer, scores = result["layer"]
    assert bar_layer["encoding"]["y"]["sort"] == ["B first", "A second"]  # not A–Z
    assert bar_layer["encoding"]["x"]["scale"]["domain"] == [0, 5]
    assert {t["field"] for t in bar_layer["encoding"]["tooltip"]} >= {"rationale"}
    assert scores["encoding"]["text"]["field"] == "score"
    assert scores["mark"]["color"] == "white"  # legible on the dark bar


def test_pathway_route_puts_steps_in_order_coloured_by_progress_names_alternating():
    steps = pd.DataFrame(
        {
            # Given out of order: the route follows step_order.
            "step_order": [2, 1, 3],
            "step_name": ["R&D", "Policy", "Integration of the acquisition agencies"],
            "progress_type": ["not_started", "achieved", "reversed"],
            "actor_description": ["ADD and ATLA", "ministries", "DAPA and ATLA"],
        }
    )
    result = spec(route.pathway_route_chart(steps, **LABELS))
    assert_captioned(result)
    line, dots, above, below = result["layer"]
    rows = result["datasets"][result["data"]["name"]]
    assert [r["step_order"] for r in rows] == [1, 2, 3]
    assert [r["progress_name"] for r in rows] == ["achieved", "not started", "reversed"]
    # Every other name above the line, the rest below; long names wrap.
    assert [r["above"] for r in rows] == [True, False, True]
    assert rows[2]["label"].count("\n") >= 1 and above["mark"]["lineBreak"] == "\n"
    assert above["mark"]["baseline"] == "bottom" and below["mark"]["baseline"] == "top"
    assert above["transform"] == [{"filter": "datum.above"}]
    assert below["transform"] == [{"filter": "!datum.above"}]
    color = dots["encoding"]["color"]
    assert color["field"] == "progress_name"
    assert color["scale"]["domain"][:4] == [
        "achieved",
        "started",
        "talks",
        "not started",
    ]
    assert line["encoding"]["x"]["axis"]["values"] == [1, 2, 3]


def test_an_event_type_keeps_its_shape_and_the_legend_names_only_those_drawn(
    package,
):
    import json as json_module

    from jkdefense.data import schema as package_schema

    types = next(
        f["constraints"]["enum"]
        for f in package_schema.fields(
            package_schema.resources(package.descriptor)["incidents"]
        )
        if f["name"] == "incident_type"
    )
    assert set(timelines.INCIDENT_SHAPES) == set(types)
    assert len(set(timelines.INCIDENT_SHAPES.values())) == len(types)
    shapes, legends = [], []
    for kinds in (["summit", "dispute"], ["summit"]):
        events = pd.DataFrame(
            {
                "incident_date": pd.to_datetime(["2019-01-01"] * len(kinds)),
                "incident_type": kinds,
                "domain_type": ["sea"] * len(kinds),
                "is_mentioned_in_article": [False] * len(kinds),
                "incident_name": kinds,
                "incident_short_name": kinds,
                "incident_description": kinds,
            }
        )
        shape = spec(timelines.incident_timeline_chart(events, **LABELS))["layer"][0][
            "encoding"
        ]["shape"]
        scale = shape["scale"]
        shapes.append(dict(zip(scale["domain"], scale["range"], strict=True)))
        legends.append(shape["legend"]["values"])
    assert shapes[0]["summit"] == shapes[1]["summit"] == "triangle-down"
    # The legend names the types drawn, in the scale's order, and no other.
    assert legends == [["dispute", "summit"], ["summit"]]
    assert list(timelines.INCIDENT_SHAPES).index("dispute") < list(
        timelines.INCIDENT_SHAPES
    ).index("summit")
    assert json_module.dumps(shapes[0], sort_keys=True) == json_module.dumps(
        shapes[1], sort_keys=True
    )
