"""Rows the feed proposes for the curated tables, and the analyst's decisions.

    from jkdefense.pipeline import propose
    propose.proposals(data_dir)              # open proposals, best first
    propose.proposed_row(data_dir, "p-…")    # the row accept would write
    propose.accept(data_dir, "p-…", {"domain_type": "sea"})
    propose.reject(data_dir, "p-…", "a courtesy, not an event")

Modules, by job: inputs (what is read), find (what a sentence says), dates,
vocabulary (the general words it is read by), subjects (what a development is
about), fields (the proposed row), rank (order and reason), listing (ids and
the list), decisions (rejections kept in the package), land (the bytes a
decision adds), decide (accept and reject: the writes), cli (the command line).
"""

from jkdefense.pipeline.propose.decide import Accepted, accept, reject
from jkdefense.pipeline.propose.listing import (
    PROPOSAL_COLUMNS,
    Proposal,
    Refused,
    frame,
    open_proposals,
    proposals,
    proposed_row,
)

__all__ = [
    "PROPOSAL_COLUMNS",
    "Accepted",
    "Proposal",
    "Refused",
    "accept",
    "frame",
    "open_proposals",
    "proposals",
    "proposed_row",
    "reject",
]
