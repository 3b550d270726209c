"""Write ``zones.geojson``: the ADIZ lines, from the points as published.

Drawn: China's East China Sea ADIZ (CADIZ) and Korea's KADIZ. Japan's ADIZ
(JADIZ) is not drawn: its full point list was not found at a tier 1-2 address.

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

# Every address below is tier 1 (government) or tier 2 (major news); see README.md.
# PRC MND statement of 23 Nov 2013 as listed by News1 (Korean news agency), which
# prints five of the six points; the PRC's own text on a .gov.cn site was not found.
CADIZ_SOURCE = "https://news1.kr/amp/world/northeast-asia/1419624"
# The nine KADIZ points as printed by NewDaily (8 Dec 2013), the only place found
# that prints them; KBS World (MND briefing): the south now follows the Incheon FIR.
KADIZ_SOURCE = "https://www.newdaily.co.kr/site/data/html/2013/12/08/2013120800033.html"
KADIZ_MND_SOURCE = (
    "http://world.kbs.co.kr/german/news/news_Po_detail.htm?No=47512&id=Po"
)
FIR_SOURCE = (
    "http://aim.koca.go.kr/eaipPub/Package/2018-07-18-AIRAC/html/eAIP/"
    "KR-ENR-2.1-en-GB.html"
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
# Japan's ADIZ (Defense Agency Directive No. 36 of 1969) is not drawn: only outer
# points (1)-(7) of 30 were found, in a proxy copy of Wikisource; the MOD's own
# text (clearing.mod.go.jp, e-Gov) was not found, so no fragment is drawn as the
# zone (README.md lists what was searched).


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
            note="PRC MND statement of 23 Nov 2013: the zone lies between this line "
            "and China's territorial-sea line, which is not listed, so the line is "
            "open to the west. News1 (23 Nov 2013) lists points 1, 2, 3, 5 and 6; "
            "point 4 (25°38'N 125°00'E) was seen only in copies of the statement "
            "outside tier 1-2 (Chinese state media), not at a cited address.",
        ),
        line(
            kadiz("abdihg"),
            (124.9, 35.2),
            **korea,
            part=1,
            status="derived",
            source_url=f"{KADIZ_SOURCE} ; {KADIZ_MND_SOURCE}",
            note="Points as printed by NewDaily (8 Dec 2013); the order joining them "
            "fits every source but is not published (get MND's notice of 12 Dec "
            "2013).",
        ),
        line(
            kadiz("gfe"),
            (124.9, 35.2),
            **korea,
            part=2,
            status="approximate",
            source_url=f"{KADIZ_SOURCE} ; {FIR_SOURCE} ; {KADIZ_MND_SOURCE}",
            note="NewDaily prints f as 30°00'N 122°25'E; drawn at 125°25'E, the "
            "Incheon FIR point (Korean AIP ENR 2.1) that MND says the south now "
            "follows (KBS World, 8 Dec 2013); still a reading, not a published "
            "point.",
        ),
        line(
            kadiz("eca"),
            (124.9, 35.2),
            **korea,
            part=3,
            status="derived",
            source_url=KADIZ_SOURCE,
            note="West edge, unchanged in 2013 (MND); order derived as part 1.",
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
