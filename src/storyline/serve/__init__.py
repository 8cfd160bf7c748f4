"""Serving a story: dossier reports (HTML, Markdown)."""
