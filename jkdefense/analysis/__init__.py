"""Pure functions over tables: filters, scoring, shaping, evidence, rubrics."""
