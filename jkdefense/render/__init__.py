"""Charts and files: theme, Altair and Plotly builders, export, slides."""
