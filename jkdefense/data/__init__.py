"""The data package: paths, schema, checks and rules, loading, cache, validate."""
