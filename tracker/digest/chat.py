"""The chat message (pure): a digest or a heartbeat in a few lines of Markdown.

A chat message is read on a phone between two others, so it says only what matters: the
title (the digest's subject), the changes counted by severity, the three most severe changes
with their direction and reason, and where to read the rest (the redline in the web UI when
``TRACKER_PUBLIC_URL`` is set, else the document's own address). Apprise turns the Markdown
into what each service shows.

Fetched text (section headings, quoted words, reasons) is escaped for Markdown: it can never
become a link, an image, a mention (``@channel``, ``@everyone``) or markup.
"""

from __future__ import annotations

import re

from tracker.deliver import ChatBody
from tracker.digest.compose import (
    ChangeView,
    DigestView,
    SectionView,
    StepView,
    severity_rank,
    shorten_words,
)
from tracker.digest.model import FailureNote
from tracker.render.environment import is_web_url
from tracker.vocabulary import SEVERITIES, Direction

#: Changes named in a chat message.
TOP_CHANGES = 3
#: Words of a changed clause quoted in a chat message.
CHAT_EXCERPT_WORDS = 18
#: Failing documents named in a heartbeat before "and N more".
HEARTBEAT_FAILURES = 5
#: Characters Markdown (CommonMark, Slack, Discord, Matrix) may read as markup in running text.
_MARKUP = re.compile(r"([\\`*_\[\]<>~|])")
_MENTION = re.compile(r"([@!#])(?=\w)")


def escape_markdown(text: str) -> str:
    """``text`` as literal running text in Markdown: on one line, markup characters
    backslash-escaped, mentions and channel links broken by a zero-width space."""
    one_line = " ".join(text.split())
    return _MENTION.sub("\\1\u200b", _MARKUP.sub(r"\\\1", one_line))


def render_chat(view: DigestView) -> ChatBody:
    """The chat message of a composed digest (already narrowed to its subscription)."""
    lines: list[str] = []
    counts = " · ".join(
        f"{view.totals[severity]} {severity}"
        for severity in SEVERITIES
        if view.totals.get(severity)
    )
    if counts:
        lines.append(f"Changes by severity: {counts}")
    ranked = sorted(view.changes(), key=lambda item: severity_rank(item[2].severity))
    for number, (section, step, change) in enumerate(ranked[:TOP_CHANGES], start=1):
        lines.append(_change_line(number, section, step, change))
    more = len(ranked) - TOP_CHANGES
    if more > 0:
        lines.append(f"… and {more} more change{'s' if more != 1 else ''}.")
    if view.new_documents:
        names = ", ".join(escape_markdown(n.document.name) for n in view.new_documents)
        lines.append(f"Now tracking: {names}.")
    if view.failures:
        lines.append(_failures_line(view.failures))
    link = _single_redline(view)
    if link is not None:
        lines.append(f"[Open the redline]({link})")
    return ChatBody(title=view.subject, markdown="\n".join(lines), link=link)


def _change_line(number: int, section: SectionView, step: StepView, change: ChangeView) -> str:
    where = section.document.name + (" › " + " › ".join(change.path) if change.path else "")
    head = f"{number}. **{change.severity.upper()}**"
    if change.direction != Direction.NEUTRAL:
        head += f" ({change.direction})"
    head += f" {escape_markdown(where)}: {change.kind}"
    if change.reason:
        head += f", {escape_markdown(change.reason)}"
    excerpt = shorten_words(change.excerpt, CHAT_EXCERPT_WORDS)
    line = f"{head}. “{escape_markdown(excerpt)}”"
    link = change.redline_url or (step.new.url if is_web_url(step.new.url) else None)
    if link is not None:
        line += f" [{'redline' if change.redline_url else 'document'}]({_link_target(link)})"
    return line


def _link_target(url: str) -> str:
    """A URL as a Markdown link target: in angle brackets when it has spaces or parentheses."""
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _single_redline(view: DigestView) -> str | None:
    steps = [step for section in view.sections for step in section.steps]
    if len(steps) == 1 and steps[0].redline_url is not None:
        return _link_target(steps[0].redline_url)
    return None


def _failures_line(failures: tuple[FailureNote, ...]) -> str:
    names = ", ".join(escape_markdown(f.document.name) for f in failures[:HEARTBEAT_FAILURES])
    more = len(failures) - HEARTBEAT_FAILURES
    if more > 0:
        names += f" and {more} more"
    return f"Failing: {names}."


def heartbeat_title(verified: int, failing: int) -> str:
    """``Still watching: 12 documents verified, 1 failing``."""
    noun = "document" if verified == 1 else "documents"
    return f"Still watching: {verified} {noun} verified, {failing} failing"


def render_heartbeat_chat(
    title: str, failures: tuple[FailureNote, ...], public_url: str | None
) -> ChatBody:
    """The heartbeat as a chat message: the title, and the failing documents if any."""
    lines = ["Nothing this subscription follows changed in the past week."]
    if failures:
        lines.append(_failures_line(failures))
    overview = public_url.rstrip("/") if public_url else None
    if overview is not None:
        lines.append(f"[Open the tracker]({_link_target(overview)})")
    return ChatBody(title=title, markdown="\n".join(lines), link=overview)
