"""Serving a store: dossier reports (HTML, Markdown) and the ``storyline serve`` web app and JSON API."""
