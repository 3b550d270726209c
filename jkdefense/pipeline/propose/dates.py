"""When a sentence says something happened: a date it writes, or its article's date.

A sentence dates its event in the forms releases use: "on 16 October 2024",
"October 16, 2024", "June 27-29", "in June 2024", "in July", "last week". A
date without a year takes the article's year; one relative to the article
("last week", "yesterday") counts from the article's date. When the sentence
gives none, the article's date stands in, and the proposal says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Most precise first: a day with its year, a day without, a month with its year,
# a month after a preposition ("in July"; "May" alone is also a verb).
_FORMS = [
    (rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b", "day"),
    (rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", "day"),
    (r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b", "day"),
    (rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)", "day"),
    (rf"\b{_DAY}\s+{_MONTH}\b(?!\s*,?\s*\d)", "day"),
    (rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", "month"),
    (
        rf"\b(?:(?:in|since|from|during|until|by|of|on|early|late)\s+|mid-?\s*){_MONTH}\b",
        "month",
    ),
]
DATE_FORMS = [(re.compile(p, re.IGNORECASE), precision) for p, precision in _FORMS]
# Dates counted from the article's own: (days back, precision).
RELATIVE = {
    "today": (0, "day"),
    "yesterday": (1, "day"),
    "this week": (0, "month"),
    "last week": (7, "month"),
    "this month": (0, "month"),
    "earlier this month": (0, "month"),
    "last month": (31, "month"),
}
_RELATIVE = re.compile(
    r"\b(" + "|".join(sorted(RELATIVE, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# A day-and-month without a year that lies this far after the article is read
# as the year before (a January release recalling "December 5").
LATEST_AHEAD = timedelta(days=183)


@dataclass(frozen=True)
class Dated:
    """A proposal's date: ISO day, its precision, where it came from, as written."""

    iso: str  # YYYY-MM-DD; the first of the month when precision is month
    precision: str  # day or month (the schema's date_precision_type)
    source: str  # "sentence" or "article date"
    written: str  # the words that gave it ("16 October 2024", "last week")

    def shown(self) -> str:
        """The date for a reader: '16 Oct 2024' or 'Oct 2024'."""
        day = date.fromisoformat(self.iso)
        return f"{day:%-d %b %Y}" if self.precision == "day" else f"{day:%b %Y}"


def article_date(published: str) -> Dated:
    """An article's date_published (YYYY-MM-DD or YYYY-MM) as a Dated."""
    if len(published) == 7:
        return Dated(f"{published}-01", "month", "article date", published)
    return Dated(published, "day", "article date", published)


def _from_match(found: re.Match, precision: str, article: date) -> str | None:
    """The ISO day a date form's match stands for, or None when it is no day."""
    groups = found.groupdict()
    if groups.get("iso"):
        return groups["iso"]
    year = int(groups["year"]) if groups.get("year") else article.year
    month = MONTHS[groups["month"].lower()]
    day = int(groups["day"]) if precision == "day" and groups.get("day") else 1
    try:
        when = date(year, month, day)
        if not groups.get("year") and when - article > LATEST_AHEAD:
            when = date(year - 1, month, day)
    except ValueError:
        return None
    return when.isoformat()


def _written(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def sentence_date(text: str, published: str) -> Dated | None:
    """The first date the sentence writes, the most precise at that place."""
    article = date.fromisoformat(article_date(published).iso)
    found: list[tuple[int, int, Dated]] = []
    for rank, (pattern, precision) in enumerate(DATE_FORMS):
        for match in pattern.finditer(text):
            iso = _from_match(match, precision, article)
            if iso:
                # Where the date's own words start: "in" of "in July" is not one.
                start = min(
                    match.start(g)
                    for g in ("month", "day", "iso")
                    if match.groupdict().get(g)
                )
                written = _written(text, start, match.end())
                found.append((start, rank, Dated(iso, precision, "sentence", written)))
    for match in _RELATIVE.finditer(text):
        back, precision = RELATIVE[match.group(1).lower()]
        when = article - timedelta(days=back)
        iso = when.isoformat() if precision == "day" else f"{when:%Y-%m}-01"
        found.append(
            (match.start(), 99, Dated(iso, precision, "sentence", match.group(1)))
        )
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def date_of(text: str, published: str) -> Dated:
    """The sentence's own date, else the article's (date_source says which)."""
    return sentence_date(text, published) or article_date(published)
