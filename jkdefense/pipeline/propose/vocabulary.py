"""The general words a proposal rests on: actions, events, domains, kinds of entity.

A sentence becomes a proposal through what it says in words any release on
security cooperation uses: a verb of a change of state ("launched",
"suspended"), a kind of event ("summit", "incursion"), a word of a warfare
domain ("submarine"), a word that names a kind of body or activity ("forum",
"exercise"). Each list is matched whole-word and ignoring case unless it says
otherwise; none is fitted to the sentences of one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The states of developments.csv that follow one another as a link grows;
# an action that moves a subject forward never moves it back.
FORWARD_STATES = ("none", "talks", "agreed", "in_force")


@dataclass(frozen=True)
class Action:
    """A verb (or its noun) of a change of state, as a development records it."""

    label: str  # how a proposal's reason names it: "launched"
    state: str | None  # the state it leaves its subject in; None: as it was
    strong: bool  # a change that happened, not a stance or an intention


def _words(pattern: str) -> re.Pattern:
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


ESTABLISHED = Action("established", "in_force", True)
ACTIONS: tuple[tuple[re.Pattern, Action], ...] = (
    (
        _words(r"notice of termination|notified .{0,30}terminat\w*"),
        Action("gave notice", "in_force_notice_pending", True),
    ),
    (
        _words(
            r"(?:re-?)?establish(?:ed|es|ing|ment)?|set up|creat(?:ed|ion)|"
            r"founded|inaugurat(?:ed|ion)"
        ),
        ESTABLISHED,
    ),
    (_words(r"launch(?:ed|es|ing)?"), Action("launched", "in_force", True)),
    (
        _words(r"operationali[sz](?:e|ed|es|ing|ation)"),
        Action("operationalized", "in_force", True),
    ),
    (
        _words(r"held|hold(?:s|ing)?|convened?|conducted|hosted|took place"),
        Action("held", "in_force", True),
    ),
    (_words(r"sign(?:ed|ing|ature)"), Action("signed", "agreed", True)),
    (_words(r"conclu(?:ded|sion)"), Action("concluded", "agreed", True)),
    (_words(r"approv(?:e|ed|es|al)"), Action("approved", "agreed", True)),
    (_words(r"adopt(?:ed|ion)"), Action("adopted", "agreed", True)),
    (
        _words(r"deploy(?:ed|ment|ments)|dispatch(?:ed)?"),
        Action("deployed", "in_force", True),
    ),
    (
        _words(r"suspen(?:d|ded|ds|sion)|halt(?:ed|s)?|froze|frozen"),
        Action("suspended", "halted", True),
    ),
    (
        _words(
            r"resum(?:e|ed|es|ption)|restor(?:e|ed|ation)|normali[sz](?:e|ed|ation)"
            r"|reviv(?:e|ed|al)"
        ),
        Action("resumed", "in_force", True),
    ),
    (
        _words(
            r"withdr(?:ew|awn|awal|aw|aws)|terminat(?:e|ed|ion)|scrapped|"
            r"abandon(?:ed)?|cancel(?:l?ed|lation)|ended"
        ),
        Action("withdrawn", "ended", True),
    ),
    (_words(r"agree(?:d|s)?|agreement"), Action("agreed", "agreed", False)),
    (_words(r"announc(?:e|ed|es|ement)"), Action("announced", "agreed", False)),
    (_words(r"decid(?:e|ed|es)|decision"), Action("decided", "agreed", False)),
    (
        _words(r"commit(?:s|ted)|pledg(?:e|ed|es)|resolved to"),
        Action("committed", "agreed", False),
    ),
    (_words(r"revis(?:e|ed|ion)|amend(?:ed|ment)"), Action("revised", None, False)),
    (
        _words(
            r"discuss(?:ed|ion|ions)?|negotiat(?:e|ed|ion|ions)|explor(?:e|ed)|"
            r"consult(?:ed|ation|ations)"
        ),
        Action("discussed", "talks", False),
    ),
)

# Words just before an action that make it an intention, not a change yet.
INTENTION = re.compile(
    r"\b(?:will|would|shall|to|toward|towards|plan(?:s|ned)?|intends?|aims?|"
    r"seeks?|progress on|work on)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)

# Kinds of event (incidents.csv incident_type), tried in this order.
INCIDENT_TYPES: tuple[tuple[str, re.Pattern], ...] = (
    (
        "incursion",
        _words(
            r"incursions?|intrusions?|intrud\w*|violat\w* (?:\w+ ){0,3}airspace|"
            r"airspace violations?|entered (?:\w+ ){0,4}(?:ADIZ|KADIZ|JADIZ|"
            r"air defen[cs]e identification zones?)"
        ),
    ),
    (
        "confrontation",
        _words(
            r"(?:test-)?fir(?:ed|ing)|missile launch(?:es)?|launch(?:es|ed)? (?:of )?"
            r"(?:\w+ ){0,4}(?:missiles?|ICBMs?|rockets?|satellites?)|collisions?|"
            r"clash(?:es|ed)?|radar lock\w*|harass\w*|provocations?|confrontations?|"
            r"standoffs?|shadow(?:ed|ing)|troop deployments?|deploy(?:ed|ment) "
            r"(?:of )?(?:\w+ ){0,2}troops"
        ),
    ),
    (
        "monitoring",
        _words(
            r"monitor\w*|surveillance|sanctions? enforcement|"
            r"interdiction"
        ),
    ),
    ("settlement", _words(r"settle(?:d|ment)|compensation")),
    (
        "dispute",
        _words(
            r"protest(?:ed|s)?|disputes?|objected|objection|ruling|"
            r"export controls?"
        ),
    ),
    (
        "agreement",
        _words(
            r"sign(?:ed|ing)|memorand(?:um|a)|treaty|accords?|"
            r"agreements?|concluded"
        ),
    ),
    (
        "summit",
        _words(
            r"summits?|meetings?|met|visit(?:s|ed)?|talks|dialogues?|"
            r"ministerials?|consultations"
        ),
    ),
)
# "The first trilateral defense ministers meeting": an event that took place,
# named by its number in a series.
ORDINAL_EVENT = _words(
    r"(?:first|second|third|fourth|fifth|sixth|inaugural|\d+(?:st|nd|rd|th))"
    r"(?: [\w'’-]+){0,6} (?:meeting|summit|exercise|dialogue|talks|ministerial|"
    r"visit|launch|patrol)s?"
)
# An event that took place: a verb in the past, or an event in a series.
EVENT_HAPPENED = _words(
    r"held|met|launched|signed|fired|entered|violated|visited|convened|"
    r"concluded|hosted|took place|conducted|deployed|began|opened"
)
# A capitalised name that is itself an event ("Trilateral Leaders’ Summit").
EVENT_NAME_WORDS = frozenset(
    {"summit", "meeting", "exercise", "dialogue", "talks", "conference"}
    | {"ministerial", "visit", "drill", "drills", "patrol"}
)

# Words that tie a sentence to a warfare domain (domain_type), tried in order.
DOMAIN_WORDS: tuple[tuple[str, re.Pattern], ...] = (
    ("multi", _words(r"multi-?domain|cross-domain")),
    (
        "undersea",
        _words(
            r"submarines?|undersea|anti-submarine|torpedo(?:es)?|"
            r"SLBMs?"
        ),
    ),
    (
        "missile",
        _words(
            r"missiles?|ICBMs?|ballistic|space launch vehicles?|"
            r"warheads?|missile defen[cs]e"
        ),
    ),
    (
        "air",
        _words(
            r"aircraft|fighters?|airspace|[KJ]?ADIZ|air forces?|bombers?|"
            r"drones?|air defen[cs]e"
        ),
    ),
    (
        "sea",
        _words(
            r"naval|navy|navies|maritime|ships?|vessels?|coast guard|"
            r"shipbuilding|shipyards?|sea lanes?"
        ),
    ),
    ("land", _words(r"troops|army|armies|ground forces|tanks?|artillery|soldiers")),
    ("electronic", _words(r"electronic warfare|jamming|electromagnetic spectrum")),
)

# Last words of a name for a body, mechanism or activity (an entity to add).
ENTITY_HEADS = frozenset(
    {"exercise", "exercises", "drill", "drills", "mechanism", "program"}
    | {"programme", "initiative", "system", "forum", "group", "team"}
    | {"framework", "dialogue", "plan", "fund", "center", "centre", "council"}
    | {"committee", "secretariat", "office", "command", "coalition", "network"}
    | {"architecture", "project", "platform", "cell", "hub", "taskforce"}
)
# A lower-case name of such a body: "a trilateral missile warning data sharing
# mechanism"; an article or possessive, then up to six words, then the head.
_HEADS = "|".join(sorted(ENTITY_HEADS))
LOWER_CASE_ENTITY = re.compile(
    r"\b(?:a|an|the|its|their|our)\s+"
    r"((?:(?!(?:and|or|of|for|to|in|on|with|by|from|that|which|as)\b)"
    rf"[a-z][a-z0-9-]*\s+){{1,6}}(?:{_HEADS}))\b"
    # The head ends the name: punctuation or a joining word follows, not a noun.
    r"(?=\s*(?:[^\w\s]|$|(?:of|to|for|on|with|that|which|and|or|in|by|is|are|was|"
    r"will|as|between|among|under|at|from)\b))"
)
# Leading words of such a name that judge it rather than name it.
JUDGING_WORDS = frozenset(
    {"new", "cutting-edge", "comprehensive", "effective", "robust", "strong"}
    | {"permanent", "historic", "notable", "important", "recent", "further"}
    | {"additional", "existing", "same", "such", "this", "that", "first"}
    | {"second", "third", "annual", "regular", "enhanced", "broader", "respective"}
)
# "Long Name (ACRONYM)": a name the sentence defines with its acronym.
_JOINING = r"of|on|and|for|the|through|in|to|with|at|&"
DEFINED_ACRONYM = re.compile(
    rf"((?:[A-Z][\w’'.-]*|{_JOINING})(?:[ ,]+(?:[A-Z][\w’'.-]*|{_JOINING}))*)"
    r"\s+\(([A-Z][A-Za-z0-9&-]{1,12})\)"
)
JOINING_WORDS = frozenset(_JOINING.split("|"))

# Words of a title before a person's name ("President Lee"): no subject.
PERSON_TITLES = frozenset(
    {"president", "prime", "minister", "secretary", "senator", "ambassador"}
    | {"vice", "deputy", "general", "admiral", "chancellor", "king", "queen"}
    | {"mr", "ms", "mrs", "dr", "governor", "mayor", "director", "advisor"}
)
# Words that tie a sentence to security and defence, the feed's subject.
SECURITY_WORDS = _words(
    r"defen[cs]e|military|security|deterren\w+|exercises?|drills?|sanctions?|"
    r"missiles?|nuclear|troops|forces|navy|naval|army|coast guard|weapons?|arms|"
    r"intelligence|surveillance|reconnaissance|threats?|provocations?|"
    r"incursions?|alliance|deploy\w*|submarines?|warships?|aircraft|airspace|"
    r"cyber\w*|denucleari[sz]ation|ballistic|maritime"
)

# Words of alarm that make a threat actor's deed a threat to record.
THREAT_WORDS = _words(
    r"condemn(?:s|ed)?|threats?|threaten(?:s|ed|ing)?|provocations?|"
    r"destabili[sz]ing|illicit|unlawful|illegal|aggression|coercion|"
    r"grave concern|serious concern|deep concern"
)

# A heading run into its paragraph's first sentence: "MODERNIZING THE ALLIANCE:".
RUN_IN_HEADING = re.compile(r"^[A-Z][A-Z0-9 ,.'’&/()-]{3,}:\s+")
# In this feed "trilateral" means the United States, Japan and the ROK.
TRILATERAL = re.compile(r"\btrilateral\b", re.IGNORECASE)
TRILATERAL_COUNTRIES = ("US", "JP", "KR")
