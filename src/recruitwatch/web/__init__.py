"""The web app: FastAPI, Jinja2 and HTMX; pages in Arabic and English; the JSON API."""
