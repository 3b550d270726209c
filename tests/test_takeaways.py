import pandas as pd

from jkdefense.analysis import scoring
from jkdefense.report import pathway, threats
from jkdefense.report import programs as programs_page


def test_threat_takeaway_follows_the_data():
    cells = pd.DataFrame(
        {
            "actor_name": ["China", "Russia"],
            "domain_type": ["air", "sea"],
            "severity_score": [5, 3],
        }
    )
    scrambles = pd.DataFrame(
        {
            "fiscal_year": [2016, 2018],
            "total_count": [1168, 999],
            "china_count": [851, 638],
        }
    )
    text = threats.takeaway(cells, scrambles)
    assert text.startswith("Most severe in view (severity 5/5): China (air).")
    assert "peaked at 1,168 in FY2016" in text and "999, 64%" in text
    assert "Russia" in threats.takeaway(cells.iloc[[1]], scrambles.iloc[0:0])


def test_program_takeaway_names_the_leader():
    programs = pd.DataFrame(
        {
            "program_id": ["p1", "p2"],
            "program_name": ["tanks", "ships"],
            "commonality_type": ["partial", "strong"],
            **{f"{c}_score": [5, 2] for c in scoring.PROGRAM_CRITERIA},
        }
    )
    weights = dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0)
    ranked = scoring.rank_programs(programs, weights)
    text = programs_page.takeaway(ranked, scoring.rank_stability(programs, weights))
    assert text.startswith("Tanks ranks first at 5.00/5") and "ships" in text


def test_pathway_takeaway_counts_progress():
    steps = pd.DataFrame(
        {
            "step_name": ["Policy", "R&D", "Operations"],
            "progress_type": ["achieved", "started", "not_started"],
        }
    )
    assert pathway.takeaway(steps) == (
        "2 of 3 steps on the article's route have started "
        "or been reached; the first step not under way is "
        "Operations."
    )
