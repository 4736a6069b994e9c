"""Rendering a digest to HTML (pure: values in, markup out, every fetched string escaped)."""

from __future__ import annotations

from tracker.digest.model import DigestData
from tracker.render.environment import template_environment


def digest_subject(data: DigestData) -> str:
    """One line that says what happened, e.g. "3 changes in 2 documents"."""
    if not data.documents:
        return "No changes" + (f", {len(data.failures)} failing" if data.failures else "")
    docs = {d.slug for d in data.documents}
    changes = data.change_count
    subject = (
        f"{changes} change{'s' if changes != 1 else ''} in {len(docs)} "
        f"document{'s' if len(docs) != 1 else ''}"
    )
    return subject + (f", {len(data.failures)} failing" if data.failures else "")


def render_digest_html(data: DigestData) -> str:
    template = template_environment().get_template("digest.html.j2")
    return template.render(digest=data, subject=digest_subject(data))
