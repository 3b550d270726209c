import pytest

from jkdefense.mentions import AliasMatcher, Entity, is_exact_alias

LIG = Entity("companies", "kr-lig-nex1", "LIG Nex1")
KAI = Entity("companies", "kr-kai", "Korea Aerospace Industries")
HANWHA = Entity("companies", "kr-hanwha-aerospace", "Hanwha Aerospace")
OCEAN = Entity("companies", "kr-dsme", "Hanwha Ocean")
US = Entity("countries", "US", "United States")
TORPEDO = Entity("programs", "torpedoes", "torpedoes")


@pytest.fixture
def matcher():
    return AliasMatcher(
        {
            "LIG": [LIG],
            "KAI": [KAI],
            "Hanwha": [HANWHA],
            "Hanwha Ocean": [OCEAN],
            "U.S.": [US],
            "torpedoes": [TORPEDO],
        }
    )


def found(matcher, text):
    return [
        (text[m.start : m.end], [e.entity_id for e in matcher.entities(m)])
        for m in matcher.find(text)
    ]


def test_acronyms_match_whole_words_with_their_capitals(matcher):
    text = "LIG builds torpedoes; the light is on; kai and KAIST are not KAI."
    assert found(matcher, text) == [
        ("LIG", ["kr-lig-nex1"]),
        ("torpedoes", ["torpedoes"]),
        ("KAI", ["kr-kai"]),
    ]


def test_longest_alias_wins_at_a_position(matcher):
    assert found(matcher, "Hanwha Ocean and Hanwha") == [
        ("Hanwha Ocean", ["kr-dsme"]),
        ("Hanwha", ["kr-hanwha-aerospace"]),
    ]


def test_lowercase_aliases_ignore_case(matcher):
    assert found(matcher, "Torpedoes first.") == [("Torpedoes", ["torpedoes"])]


def test_alias_ending_in_a_full_stop(matcher):
    assert found(matcher, "the U.S. military and U.S.") == [
        ("U.S.", ["US"]),
        ("U.S.", ["US"]),
    ]


def test_hyphenated_words_do_not_match_inside(matcher):
    assert found(matcher, "pre-LIG LIG-type") == []


@pytest.mark.parametrize(
    ("alias", "exact"),
    [
        ("LIG", True),
        ("Hanwha", True),
        ("U.S.", True),
        ("torpedoes", False),
        ("electronic warfare", False),
    ],
)
def test_exact_aliases_are_those_with_capitals(alias, exact):
    assert is_exact_alias(alias) is exact


def test_an_alias_can_name_several_entities():
    first = Entity("threats", "cn-air", "China ADIZ")
    second = Entity("threats", "ru-air", "Russia ADIZ")
    shared = AliasMatcher({"ADIZ": [first, second]})
    assert found(shared, "ADIZ entries") == [("ADIZ", ["cn-air", "ru-air"])]


def test_letters_that_lower_to_two_keep_offsets(matcher):
    text = "İzmir hosted the talks on torpedoes and KAI."
    spans = {m.alias: (m.start, m.end) for m in matcher.find(text)}
    assert text[slice(*spans["torpedoes"])] == "torpedoes"
    assert text[slice(*spans["KAI"])] == "KAI"
