"""One colour per entity in both chart libraries, and the charts' source line."""

from __future__ import annotations

import altair as alt

# Okabe–Ito, safe for the common colour-vision deficiencies.
COUNTRY_COLORS = {
    "KR": "#0072B2",  # blue
    "JP": "#D55E00",  # vermillion
    "US": "#009E73",  # bluish green
    "CN": "#E69F00",  # orange
    "RU": "#CC79A7",  # reddish purple
    "KP": "#000000",  # black
    "other": "#999999",
}
# Paul Tol's "muted" scheme: also colour-blind safe, and distinct from the countries.
DOMAIN_COLORS = {
    "land": "#999933",
    "sea": "#44AA99",
    "undersea": "#332288",
    "air": "#88CCEE",
    "missile": "#CC6677",
    "electronic": "#AA4499",
    "multi": "#DDCC77",
}
# Analyst judgments (scores, weights) are purple everywhere, so they never borrow
# a country's or a domain's colour.
SCORE_SCHEME = "purples"
CRITERION_COLORS = ["#3f007d", "#6a51a3", "#9e9ac8", "#cbc9e2"]
SCORE_COLOR, SCORE_LIGHT = "#6a51a3", "#bcbddc"
FONT = "Source Sans Pro, Arial, sans-serif"
TEXT_COLOR = "#262730"


def domain_scale() -> alt.Scale:
    """Return the Altair colour scale that gives every domain its colour."""
    return alt.Scale(domain=list(DOMAIN_COLORS), range=list(DOMAIN_COLORS.values()))


CAPTION_COLOR = "#555555"


def caption(subtitle: str, source: str) -> alt.TitleParams:
    """The caption under a plot: the filters, then the short source line.

    Under the plot, small and grey, so the plot comes first; the finding is
    printed above the chart by the page and the slide, and added above it in a
    downloaded image (render.export).
    """
    return alt.TitleParams(
        text=[subtitle],
        subtitle=[source],
        orient="bottom",
        anchor="start",
        fontSize=12,
        fontWeight="normal",
        color=CAPTION_COLOR,
        subtitleFontSize=12,
        subtitleColor=CAPTION_COLOR,
        offset=14,
    )


def titled(
    chart: alt.Chart, title: str, subtitle: str, source: str, *, height: int
) -> alt.Chart:
    """Size the chart and put its caption (filters, source) under the plot.

    ``title``, the finding, is not drawn here: the page, the slide and the
    downloaded image each print it above the chart themselves.

    NOTE: set on the chart just built, in place: ``.properties()`` copies the
    whole chart, and a layered chart copies each layer twice more on every
    copy, which made up a third of drawing a layered chart.
    """
    del title  # printed above the chart by whoever shows it
    chart.title = caption(subtitle, source)
    chart.width = "container"
    chart.height = height
    return chart


def _altair_theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(
        config={
            "font": FONT,
            "background": "white",
            "title": {
                "fontSize": 17,
                "anchor": "start",
                "color": TEXT_COLOR,
                "subtitleFontSize": 13,
                "subtitleColor": "#555555",
            },
            "axis": {
                # An axis label that would touch its neighbour is left out.
                "labelOverlap": "greedy",
                "labelSeparation": 4,
                "labelLimit": 380,  # the longest program name whole
                "labelFontSize": 13,
                "titleFontSize": 13,
                "labelColor": TEXT_COLOR,
                "titleColor": TEXT_COLOR,
            },
            "legend": {"labelFontSize": 13, "titleFontSize": 13},
            "view": {"stroke": None},
        }
    )


def register() -> None:
    """Register and enable the house theme in Altair (idempotent).

    Plotly's template is registered by jkdefense.figures, so that Plotly is
    imported only where a page draws with it.
    """
    alt.theme.register("jkdefense", enable=True)(_altair_theme)


def plotly_template_layout() -> dict:
    """The house look for Plotly figures (jkdefense.figures registers it)."""
    return {
        "font": {"family": FONT, "size": 13, "color": TEXT_COLOR},
        "title": {"font": {"size": 17}, "x": 0, "xanchor": "left"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(COUNTRY_COLORS.values()),
        "xaxis": {"gridcolor": "#e6e6e6", "zeroline": False},
        "yaxis": {"gridcolor": "#e6e6e6", "zeroline": False},
        "margin": {"l": 60, "r": 30, "t": 90, "b": 80},
    }


register()
