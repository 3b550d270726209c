"""Plotly builders plot the given data and carry title, filters and source."""

import pandas as pd

from jkdefense.render import figures, theme

LABELS = {
    "title": "A finding",
    "subtitle": "Filters: all domains",
    "source": "Source: X.",
}


def check_labels(figure):
    """The caption (filters, source) under the plot; the finding is not drawn."""
    assert figure.layout.title.text is None
    assert any(
        a.text == "Filters: all domains<br>Source: X."
        for a in figure.layout.annotations
    )


def test_network_figure_draws_an_edge_per_link():
    nodes = pd.DataFrame(
        {
            "node_id": ["k", "u", "j"],
            "node_name": ["K", "U", "J"],
            "side": ["KR", "bridge", "JP"],
            "x": [0, 1, 2],
            "y": [0, 0, 0],
        }
    )
    edges = pd.DataFrame(
        {"source_id": ["k", "u"], "target_id": ["u", "j"], "weight": [2, 1]}
    )
    figure = figures.network_figure(nodes, edges=edges, **LABELS)
    check_labels(figure)
    assert figure.layout.template.layout.font.family == theme.FONT  # the house look
    lines = [t for t in figure.data if t.mode == "lines"]
    assert len(lines) == 2 and lines[0].line.width == 4
    # A bridge's name is drawn over the lines that cross it, on a backing.
    (name,) = [a for a in figure.layout.annotations if a.text == "U"]
    assert name.bgcolor and name.yshift > 0
