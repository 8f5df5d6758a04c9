"""Reports and bulletins as pages people read: one self-contained HTML page (pictures
embedded, nothing fetched), the same page printed to PDF by WeasyPrint (Pango and HarfBuzz
shape Arabic and lay it out right to left), or CSV."""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, datetime
from functools import cache
from typing import Any

import jinja2

from recruitwatch.errors import ConfigError
from recruitwatch.report.oversight import OversightReport, report_csv_rows, t

FONTS = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("recruitwatch.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def png(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def render_page(template: str, lang: str, **values: Any) -> str:
    page = environment().get_template(template)
    return page.render(
        fonts=FONTS,
        png=png,
        label=lambda key, **kw: t(key, lang, **kw),
        generated=datetime.now(UTC).date().isoformat(),
        **values,
    )


def report_html(report: OversightReport) -> str:
    return render_page("oversight.html", report.lang, report=report)


def to_pdf(page: str) -> bytes:
    """An HTML page printed to PDF (A4, page numbers from the page's own @page rules)."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # WeasyPrint loads Pango from the system when imported
        raise ConfigError(
            "PDF needs Pango on this machine (Debian: apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0); or ask for --format html ({exc})"
        ) from exc

    pdf: bytes = HTML(string=page).write_pdf()
    return pdf


def report_csv(report: OversightReport) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["section", "row", "column", "value"])
    writer.writeheader()
    writer.writerows(report_csv_rows(report))
    return buffer.getvalue()


def bulletin_html(bulletin: Any) -> str:
    return render_page("bulletin.html", bulletin.lang, b=bulletin)
