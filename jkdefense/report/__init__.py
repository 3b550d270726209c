"""What each page shows: its view, chart titles, takeaways, columns; the registry."""
