"""The cookie register to and from CSV and JSON files, one locale at a time."""
