"""What is a name, what is noise, and what comes first: rules on text written here.

Every sentence below is made up for these tests; the rules are about English
text of statements and fact sheets, not about one feed.
"""

import pytest

from jkdefense.pipeline import names
from jkdefense.pipeline.names import words

KNOWN = {"Japan", "ROK", "U.S.", "United States", "Korea", "Republic of Korea"}


def rows(*texts: str, source: str = "a") -> list[tuple[str, str, str]]:
    return [(f"{source}:s{n:03}", source, text) for n, text in enumerate(texts, 1)]


def listed(sentences, known=KNOWN, view=None):
    return names.find_new_names(sentences, known, view)


def listed_names(*texts: str) -> list[str]:
    return list(listed(rows(*texts))["name"])


@pytest.mark.parametrize(
    ("texts", "heading_words"),
    [
        # A heading in capitals run into its sentence.
        (
            ["ENHANCING COMMERCIAL TIES: The two leaders welcomed Korean Air."],
            {"ENHANCING", "COMMERCIAL", "TIES", "ENHANCING COMMERCIAL TIES"},
        ),
        (
            ["JOINT FACT SHEET The United States and the ROK met in Busan."],
            {"JOINT", "FACT", "SHEET", "JOINT FACT SHEET"},
        ),
        # A section heading in title case, without a stop.
        (
            [
                "Strengthening our Defense and Security Cooperation",
                "They met in Busan.",
            ],
            {"Defense and Security Cooperation", "Security Cooperation"},
        ),
    ],
)
def test_headings_are_not_names(texts, heading_words):
    got = set(listed_names(*texts))
    assert not heading_words & got
    assert "Busan" in got or "Korean Air" in got


def test_a_name_in_capitals_is_one_row_not_one_acronym_per_word():
    got = listed_names("The navies held FREEDOM EDGE near Jeju in June.")
    assert "FREEDOM EDGE" in got
    assert not {"FREEDOM", "EDGE"} & set(got)


def test_case_and_qualifier_variants_are_one_row_in_the_most_used_spelling():
    frame = listed(
        rows(
            "The navies held FREEDOM EDGE near Jeju.",
            "FREEDOM EDGE ended on time.",
            "Officers praised Freedom Edge afterwards.",
            "They launched the Annual Trilateral Pacific Dialogue.",
            "The Trilateral Pacific Dialogue met again.",
            "Both took part in Exercise Talon Shield.",
            "Talon Shield ends in May.",
            "It was the third Talon Shield this year.",
        )
    ).set_index("name")
    assert frame.loc["Talon Shield", "variants"] == "Exercise Talon Shield"
    assert frame.loc["FREEDOM EDGE", "sentences"] == 3
    assert frame.loc["FREEDOM EDGE", "variants"] == "Freedom Edge"
    assert "Freedom Edge" not in frame.index
    dialogue = frame.loc["Annual Trilateral Pacific Dialogue"]
    assert (dialogue["sentences"], dialogue["variants"]) == (
        2,
        "Trilateral Pacific Dialogue",
    )


@pytest.mark.parametrize(
    ("texts", "fragment"),
    [
        (["The talks deepened Japan-U.", "S. ties again."], "Japan-U"),
        (["He welcomed President Donald J.", "Trump to Seoul."], "Donald J"),
        (["He welcomed President Donald J.", "Trump to Seoul."], "President Donald J"),
    ],
)
def test_fragments_of_abbreviations_are_not_names(texts, fragment):
    assert fragment not in listed_names(*texts)


def test_an_initial_keeps_a_person_whole():
    frame = listed(rows("They welcomed President Donald J. Trump to Seoul."))
    assert frame.set_index("name").loc["President Donald J. Trump", "kind"] == "person"


def test_persons_join_their_short_forms_and_rank_after_names_with_roles_last():
    frame = listed(
        rows(
            "National Security Advisor Jake Sullivan met the Quad in Busan.",
            "Sullivan then met Vice Foreign Ministers of the Quad.",
            "National Security Advisor Sullivan closed the Quad meeting.",
        )
    )
    kinds = dict(zip(frame["name"], frame["kind"], strict=True))
    assert kinds["National Security Advisor Jake Sullivan"] == "person"
    assert kinds["Vice Foreign Ministers"] == "role"
    assert not {"Sullivan", "National Security Advisor Sullivan"} & set(kinds)
    person = frame.set_index("name").loc["National Security Advisor Jake Sullivan"]
    assert person["sentences"] == 3
    order = list(frame["kind"])
    assert order.index("person") > max(i for i, k in enumerate(order) if k == "name")
    assert order[-1] == "role"


@pytest.mark.parametrize(
    ("text", "name", "not_a_name"),
    [
        # An owner is a name of its own; what it owns is another.
        (
            "Japan's National Security Strategy guides the forces.",
            "National Security Strategy",
            "Japan's National Security Strategy",
        ),
        # A known place tied on by a connector is not part of the name.
        (
            "They cooperate with Japan on AUKUS Pillar II projects.",
            "AUKUS Pillar II",
            "Japan on AUKUS Pillar II",
        ),
        # A nationality goes before a title, not from a name.
        (
            "They met Japanese Prime Minister Kishida at the Asian Development Fund.",
            "Asian Development Fund",
            "Japanese Prime Minister Kishida",
        ),
        # "and" inside the name of a body stays.
        (
            "The Defense Science and Technology Cooperation Group met.",
            "Defense Science and Technology Cooperation Group",
            "Defense Science",
        ),
        # A capitalised number word belongs to its name.
        (
            "Japan revised the Three Principles on the Transfer of Defense Equipment.",
            "Three Principles on the Transfer of Defense Equipment",
            "Principles on the Transfer of Defense Equipment",
        ),
    ],
)
def test_the_words_of_a_name(text, name, not_a_name):
    got = listed_names(text)
    assert name in got
    assert not_a_name not in got


@pytest.mark.parametrize(
    "text",
    [
        "The Alliance remains the cornerstone of peace.",
        "They back a unified Peninsula that is free.",
        "The Joint Statement was signed.",
        "Credit: a photo by the navy.",
    ],
)
def test_a_common_noun_alone_or_a_one_word_label_is_no_name(text):
    got = listed_names(text)
    assert not {"Alliance", "Peninsula", "Joint Statement", "Credit"} & set(got)


@pytest.mark.parametrize(
    ("text", "label", "kept"),
    [
        (
            "Multi-year Trilateral Exercise Plan: The three decided on drills.",
            "Multi-year Trilateral Exercise Plan",
            True,
        ),
        (
            "Countering Foreign Information Manipulation: The three will act.",
            "Foreign Information Manipulation",
            False,
        ),
    ],
)
def test_a_label_a_sentence_runs_into_names_a_thing_unless_it_is_an_act(
    text, label, kept
):
    assert (label in listed_names(text)) is kept


def test_a_label_stays_a_name_though_its_words_are_written_in_lower_case():
    got = listed_names(
        "Commitment to Consult: The leaders agreed to it.",
        "Their commitment to consult each other is firm.",
    )
    assert "Commitment to Consult" in got


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        (
            "The ROK may build nuclear-powered attack submarines.",
            "nuclear-powered attack submarines",
        ),
        (
            "They co-develop common jet trainers to keep readiness.",
            "common jet trainers",
        ),
        ("Both joined a new shipbuilding working group.", "shipbuilding working group"),
        (
            "They held the first trilateral defense ministers meeting.",
            "defense ministers meeting",
        ),
        ("They also agreed on a multiyear exercise plan.", "multiyear exercise plan"),
        (
            "Japan decided to possess counterstrike capabilities.",
            "counterstrike capabilities",
        ),
        ("Its extended deterrence commitments are ironclad.", "extended deterrence"),
        (
            "They welcome regular U.S.-Japan-UK trilateral exercises in 2025.",
            "U.S.-Japan-UK trilateral exercises",
        ),
    ],
)
def test_a_lower_case_name_of_a_thing_of_the_trade_is_listed_once_used(text, thing):
    frame = listed(rows(text)).set_index("name")
    assert frame.loc[thing, "kind"] == "term"


@pytest.mark.parametrize(
    ("text", "not_a_thing"),
    [
        ("They called for a return to meaningful dialogue.", "meaningful dialogue"),
        ("Our two countries plan to launch it.", "countries plan"),
        (
            "It supports the civil and naval nuclear power programs.",
            "naval nuclear power programs",
        ),
        ("They condemned the missile threats.", "missile threats"),
        ("It bought aircraft powered by new engines.", "aircraft powered"),
        ("They joined the fourth meeting today.", "fourth meeting"),
    ],
)
def test_a_description_is_not_the_name_of_a_thing(text, not_a_thing):
    assert not_a_thing not in listed_names(text)


def test_lower_case_names_rank_after_every_capitalised_name():
    frame = listed(
        rows(
            "The ROK may build nuclear-powered attack submarines.",
            "The submarines join the Nuclear Consultative Group agenda.",
            "The Nuclear Consultative Group met in Seoul.",
        )
    )
    kinds = list(frame["kind"])
    assert kinds.index("term") > max(
        i for i, k in enumerate(kinds) if k in ("name", "acronym")
    )


def test_in_the_view_of_one_article_the_feeds_habit_ranks_after_its_news():
    feed = [
        *rows("The Pacific Forum met, and TALON SHIELD began.", source="a"),
        *rows("The Pacific Forum met again.", source="b"),
        *rows("The Pacific Forum spoke.", source="c"),
        *rows("Delegates praised the Pacific Forum.", source="d"),
    ]
    frame = listed(feed, view={"a"})
    assert list(frame["name"]) == ["TALON SHIELD", "Pacific Forum"]
    assert frame.set_index("name").loc["Pacific Forum", "feed_articles"] == 4
    assert set(frame["articles"]) == {1}
    whole = listed(feed)
    assert list(whole["name"]) == ["Pacific Forum", "TALON SHIELD"]


def test_a_name_of_security_affairs_ranks_first_among_names_used_as_often():
    got = listed_names("The Harbour Museum and the Joint Operations Command opened.")
    assert got.index("Joint Operations Command") < got.index("Harbour Museum")


@pytest.mark.parametrize(
    "name", [f.name.removesuffix(".txt") for f in words.word_files()]
)
def test_every_word_list_loads_in_lower_case_without_comments(name):
    entries = words.word_list(name)
    assert entries
    assert all(e == e.lower() and not e.startswith("#") for e in entries)
