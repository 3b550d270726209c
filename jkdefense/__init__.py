"""Japan–South Korea defense cooperation: sourced data, checks and charts."""
