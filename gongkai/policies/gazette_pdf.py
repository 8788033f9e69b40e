"""One PDF per gazette issue, rendered with WeasyPrint from an HTML template (Noto CJK fonts, A4).

The table of contents carries real page numbers through CSS `target-counter()`.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import GazetteIssue
from .selectors import gazette_sections


def render_issue_pdf(issue: GazetteIssue) -> bytes:
    from weasyprint import HTML  # imported lazily: loading Pango takes ~0.7 s

    html = render_to_string("policies/gazette_pdf.html", {"issue": issue, "sections": gazette_sections(issue)})
    return HTML(string=html).write_pdf()
