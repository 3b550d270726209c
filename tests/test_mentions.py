import pytest

from jkdefense.pipeline.mentions import AliasMatcher, Entity, is_exact_alias

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


# Mentions of the first article made by a common noun or phrase, not a name:
# each is a checked link between the sentence and the entity it is about.
# A new alias that is an ordinary word ("destroyer", "patrol aircraft") would
# link sentences to programs they are not about, and fails the test below.
ALLOWED_GENERIC_MENTIONS = {
    ("s023", "kp-missile-nuclear-missiles", "denuclearization"),
    ("s033", "cn-undersea-submarines", "submarines"),
    ("s033", "ru-undersea-submarines", "submarines"),
    ("s036", "kp-sea-sts-transfers", "ship-to-ship oil transfers"),
    ("s036", "2018-09-sts-monitoring-ecc", "ship-to-ship oil transfers"),
    ("s037", "kp-missile-nuclear-missiles", "nuclear weapons"),
    ("s037", "kp-missile-nuclear-missiles", "ballistic missiles"),
    ("s050", "main-battle-tank", "main battle tanks"),
    ("s050", "infantry-fighting-vehicle", "infantry fighting vehicles"),
    ("s050", "armored-personnel-carrier", "armored personnel carriers"),
    ("s050", "self-propelled-howitzer", "self-propelled howitzers"),
    ("s050", "combatant-ships", "combatant ships"),
    ("s050", "stealth-fighter", "stealth fighters"),
    ("s058", "naval-strike-missile", "naval strike missiles"),
    ("s058", "joint-strike-missile", "joint strike missiles"),
    ("s058", "torpedoes", "torpedoes"),
    ("s058", "electronic-warfare", "electronic warfare"),
}


def generic_mentions(mentions, source_id):
    """Mentions in one article whose matched text is all lower case (no name)."""
    rows = mentions[mentions["source_id"] == source_id]
    return {
        (sentence.split(":")[1], entity, text)
        for sentence, entity, text in zip(
            rows["sentence_id"], rows["entity_id"], rows["matched_text"], strict=True
        )
        if text == text.lower()
    }


def test_generic_words_link_no_sentence_to_what_it_is_not_about(package):
    found = generic_mentions(package.tables["mentions"], "yoon-2019-diplomat")
    assert found - ALLOWED_GENERIC_MENTIONS == set()
    # The radar-incident sentence names a destroyer and a patrol aircraft; it is
    # about the incident, not the combatant-ship or patrol-aircraft programs.
    assert not {m for m in found if m[0] == "s015"}


def test_the_generic_mention_check_sees_a_false_link():
    import pandas as pd

    mentions = pd.DataFrame(
        {
            "source_id": ["yoon-2019-diplomat"] * 2,
            "sentence_id": ["yoon-2019-diplomat:s015"] * 2,
            "entity_id": ["combatant-ships", "jp-jmsdf"],
            "matched_text": ["destroyer", "Japanese Maritime Self-Defense Force"],
        }
    )
    found = generic_mentions(mentions, "yoon-2019-diplomat")
    assert found - ALLOWED_GENERIC_MENTIONS == {
        ("s015", "combatant-ships", "destroyer")
    }
