"""Write ``zones.geojson``: the ADIZ lines, from the points as published.

Run from the project folder: ``python data/geo/make_zones.py`` (standard library only).
The points are typed here in degrees, minutes and seconds as their sources print
them (see ../shared/reference/geo-facts.md §1); the file holds the decimal degrees
(``deg + min/60 + sec/3600``, 6 decimals) with the printed values beside them.

Every feature is one line (a LineString, never a filled area: an ADIZ is not
territory) with ``zone_id``, ``zone_name``, ``country_code``, ``part``, ``status``
(``published``: points and order as published; ``derived``: published points in an
order that fits every source but is not published; ``approximate``: a point that is
an unverified reading), ``source_url``, ``note``, ``point_labels``, ``points_dms``
and what the map writes for the zone where (``label_text``, ``label_lon``,
``label_lat``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "zones.geojson"

CADIZ_SOURCE = "http://usa.fjsen.com/2013-11/23/content_13022305.htm"
KADIZ_SOURCE = "https://www.newdaily.co.kr/site/data/html/2013/12/08/2013120800033.html"
FIR_SOURCE = (
    "http://aim.koca.go.kr/eaipPub/Package/2018-07-18-AIRAC/html/eAIP/"
    "KR-ENR-2.1-en-GB.html"
)
JADIZ_SOURCE = (
    "https://wonilvalve.com/index.php?q=https%3A%2F%2Fja.wikisource.org%2Fwiki%2F"
    "%E9%98%B2%E7%A9%BA%E8%AD%98%E5%88%A5%E5%9C%8F%E3%81%AB%E3%81%8A%E3%81%91%E3%82"
    "%8B%E9%A3%9B%E8%A1%8C%E8%A6%81%E9%A0%98%E3%81%AB%E9%96%A2%E3%81%99%E3%82%8B%E8"
    "%A8%93%E4%BB%A4"
)

# China, East China Sea ADIZ (PRC MND, 23 Nov 2013): six points, an open line (the
# west side is China's territorial-sea line, which the statement does not list).
CADIZ = [
    ("1", "33°11'N 121°47'E"),
    ("2", "33°11'N 125°00'E"),
    ("3", "31°00'N 128°20'E"),
    ("4", "25°38'N 125°00'E"),
    ("5", "24°45'N 123°00'E"),
    ("6", "26°44'N 120°58'E"),
]
# Korea, KADIZ as adjusted on 8 Dec 2013: NewDaily's printed points (a–i), in the
# derived ring order a b d i h g f e c (geo-facts §1b). f is printed 122°25'E; the
# Incheon FIR point, which MND says the south now follows, is 125°25'E.
KADIZ = {
    "a": "39°00'N 123°30'E",
    "b": "39°00'N 133°00'E",
    "c": "37°00'N 124°00'E",
    "d": "37°17'N 133°00'E",
    "e": "30°00'N 124°00'E",
    "f": "30°00'N 125°25'E",
    "g": "32°30'N 126°50'E",
    "h": "32°30'N 127°30'E",
    "i": "34°17'N 128°52'E",
}
# Japan, JADIZ outer line (Defense Agency Directive No. 36 of 1969, art. 2):
# points (1)–(7) of 30; (8)–(30) and the inner line were not found.
JADIZ = [
    ("(1)", "45°45'07\"N 138°44'47\"E"),
    ("(2)", "40°40'09\"N 132°59'50\"E"),
    ("(3)", "37°17'10\"N 132°59'50\"E"),
    ("(4)", "36°00'11\"N 130°29'51\"E"),
    ("(5)", "35°13'11\"N 129°47'52\"E"),
    ("(6)", "33°00'12\"N 126°59'53\"E"),
    ("(7)", "33°00'12\"N 124°59'53\"E"),
]


def degrees(text: str) -> float:
    """``33°11'N`` or ``45°45'07"N`` as decimal degrees (6 decimals)."""
    match = re.fullmatch(r"(\d+)°(\d+)'(?:(\d+)\")?([NE])", text)
    if match is None:
        raise ValueError(f"not a N/E angle: {text}")
    deg, minutes, seconds = (int(g or 0) for g in match.groups()[:3])
    return round(deg + minutes / 60 + seconds / 3600, 6)


def lon_lat(dms: str) -> list[float]:
    """``33°11'N 121°47'E`` as GeoJSON's [lon, lat]."""
    lat, lon = dms.split()
    return [degrees(lon), degrees(lat)]


def line(
    points: list[tuple[str, str]], label: tuple[float, float], **props: object
) -> dict:
    """One zone line: its points in order, with its properties."""
    return {
        "type": "Feature",
        "properties": {
            **props,
            "label_text": props.get("label_text", props["zone_name"]),
            "point_labels": [p for p, _ in points],
            "points_dms": [dms for _, dms in points],
            "label_lon": label[0],
            "label_lat": label[1],
        },
        "geometry": {
            "type": "LineString",
            "coordinates": [lon_lat(dms) for _, dms in points],
        },
    }


def kadiz(order: str) -> list[tuple[str, str]]:
    """KADIZ points in the given order of their printed letters."""
    return [(p, KADIZ[p]) for p in order]


def features() -> list[dict]:
    """Every zone line, with where its name goes on the map."""
    korea = {
        "zone_id": "KADIZ",
        "zone_name": "KADIZ (Korea, 2013)",
        "country_code": "KR",
    }
    return [
        line(
            CADIZ,
            (131.0, 27.6),
            zone_id="CADIZ",
            zone_name="CADIZ (China, 2013)",
            country_code="CN",
            part=1,
            status="published",
            source_url=CADIZ_SOURCE,
            note="PRC MND statement of 23 Nov 2013 (Xinhua text): the zone lies "
            "between this line and China's territorial-sea line, which is not "
            "listed, so the line is open to the west.",
        ),
        line(
            kadiz("abdihg"),
            (130.3, 39.45),
            **korea,
            part=1,
            status="derived",
            source_url=KADIZ_SOURCE,
            note="Points as printed by NewDaily (8 Dec 2013); the order joining them "
            "fits every source but is not published (get MND's notice of 12 Dec "
            "2013).",
        ),
        line(
            kadiz("gfe"),
            (130.3, 39.45),
            **korea,
            part=2,
            status="approximate",
            source_url=f"{KADIZ_SOURCE} ; {FIR_SOURCE}",
            note="NewDaily prints f as 30°00'N 122°25'E; drawn at 125°25'E, the "
            "Incheon FIR point that MND says the south now follows (an unverified "
            "reading).",
        ),
        line(
            kadiz("eca"),
            (130.3, 39.45),
            **korea,
            part=3,
            status="derived",
            source_url=KADIZ_SOURCE,
            note="West edge, unchanged in 2013 (MND); order derived as part 1.",
        ),
        line(
            JADIZ,
            (137.8, 42.5),
            zone_id="JADIZ",
            zone_name="JADIZ (Japan)",
            label_text="JADIZ (Japan)\nouter points 1–7 of 30",
            country_code="JP",
            part=1,
            status="published",
            source_url=JADIZ_SOURCE,
            note="Outer-line points (1)–(7) of Defense Agency Directive No. 36 "
            "(1969), art. 2. Points (8)–(30) and the inner line were not found "
            "and are not drawn.",
        ),
    ]


def main() -> None:
    """Write zones.geojson."""
    collection = {"type": "FeatureCollection", "features": features()}
    OUT.write_text(
        json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{OUT}: {len(collection['features'])} lines")


if __name__ == "__main__":
    main()
