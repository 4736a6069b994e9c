"""Rendering: pure functions from value objects to text, Markdown, HTML and JSON."""
