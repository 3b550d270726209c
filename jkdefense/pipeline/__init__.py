"""From articles to derived tables: seeds, mentions, derive, ingest, diff."""
