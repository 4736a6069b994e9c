"""The table of markers that give away a page that is not the document: walls and error pages.

Data, not code: each :class:`Marker` says which kind of page it reveals, whose page it is
(the vendor), where on the page it is looked for, how much it proves, and the pattern (a
case-insensitive regular expression).

Where a marker is looked for (``scope``):

- ``title``  the page's ``<title>``
- ``lead``   the start of the page's text (its first :data:`LEAD_CHARS` characters)
- ``text``   the whole visible text of the page
- ``raw``    the raw HTML (scripts, attributes and all)
- ``url``    the final URL after redirects (only when it differs from the requested one)

How much it proves (``strength``):

- ``strong`` specific to walls and error pages: it names the kind of a page whose text is
  short, shrank, or could not be extracted.
- ``weak``   also found on real policy pages (a reCAPTCHA feedback form, a "Sign in" form, a
  cookie banner): it only names the kind of a page that is already suspect for being
  near-empty, or that is short and yielded no text at all.

Curly apostrophes are read as straight ones before matching (``we’ll`` matches ``we'll``).

Real policies mention cookies, captchas, signing in and "404" in their text: the patterns are
whole phrases of the walls themselves, and :mod:`tracker.guard.checks` never reads them on a
page of normal length (``tests/test_guard_corpus.py`` runs the table over the real corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

Scope = Literal["title", "lead", "text", "raw", "url"]
Strength = Literal["strong", "weak"]

#: How many characters of the page's text count as its lead.
LEAD_CHARS = 200


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str
    vendor: str
    scope: Scope
    strength: Strength
    pattern: str

    @property
    def regex(self) -> re.Pattern[str]:
        """The pattern, compiled on first use (the table's compile took a third of the guards'
        import: every process paid it, and a night with nothing new reads no page)."""
        return _compiled(self.pattern)

    @property
    def description(self) -> str:
        """What matched, in our own words (never the page's text: that is untrusted)."""
        return f"{self.vendor} marker in the page's {self.scope}"


def _markers(kind: str, vendor: str, *entries: tuple[Scope, Strength, str]) -> list[Marker]:
    return [Marker(kind, vendor, scope, strength, pattern) for scope, strength, pattern in entries]


def _prose_markers(kind: str, pattern: str) -> list[Marker]:
    """A generic phrase: proof at the start of the page, a hint anywhere else.

    Phrases like "sign in to continue" are what a wall says first, but a real policy can say
    them too, somewhere in its text.
    """
    return _markers(kind, "generic", ("lead", "strong", pattern), ("text", "weak", pattern))


# Order matters: the first matching marker names the page. Bot walls come first (a Cloudflare
# challenge also asks to "enable cookies"), error pages last.
MARKERS: tuple[Marker, ...] = (
    *_markers(
        "bot-wall",
        "Cloudflare",
        ("title", "strong", r"^\s*just a moment\.*\s*$"),
        (
            "title",
            "strong",
            r"attention required!? \| cloudflare|used cloudflare to restrict access",
        ),
        ("raw", "strong", r"_cf_chl_opt"),
        ("raw", "strong", r"cf-browser-verification"),
        ("raw", "strong", r"/cdn-cgi/challenge-platform/h/[a-z]/orchestrate/"),
        ("text", "strong", r"checking (?:if the site connection is secure|your browser before)"),
        ("text", "strong", r"needs to review the security of your connection before proceeding"),
        ("text", "strong", r"enable javascript and cookies to continue"),
        ("text", "strong", r"sorry, you have been blocked"),
        ("text", "strong", r"error code:? 10(?:06|07|08|09|10|12|20)\b"),
        ("raw", "weak", r"challenges\.cloudflare\.com/turnstile"),
    ),
    *_markers(
        "bot-wall",
        "Akamai",
        ("text", "strong", r"you don't have permission to access .{0,200} on this server"),
        ("raw", "strong", r"errors\.edgesuite\.net"),
        ("title", "weak", r"^\s*access denied\s*$"),
    ),
    *_markers(
        "bot-wall",
        "PerimeterX (HUMAN)",
        ("raw", "strong", r"""id=["']?px-captcha"""),
        ("text", "strong", r"press (?:&|and) hold to confirm you are a human"),
        ("title", "strong", r"access to this page has been denied"),
        ("title", "strong", r"pardon our interruption"),
    ),
    *_markers(
        "bot-wall",
        "Imperva (Incapsula)",
        ("raw", "strong", r"_incapsula_resource"),
        ("text", "strong", r"request unsuccessful\. incapsula incident id"),
    ),
    *_markers(
        "bot-wall",
        "Sucuri",
        ("title", "strong", r"sucuri website firewall"),
        ("text", "strong", r"access denied - sucuri website firewall"),
    ),
    *_markers(
        "bot-wall",
        "AWS WAF",
        ("raw", "strong", r"window\.gokuprops"),
    ),
    *_markers(
        "bot-wall",
        "Vercel",
        ("title", "strong", r"vercel security checkpoint"),
    ),
    *_markers(
        "captcha",
        "DataDome",
        ("raw", "strong", r"geo\.captcha-delivery\.com|ct\.captcha-delivery\.com"),
        ("raw", "weak", r"js\.datadome\.co"),
    ),
    *_markers(
        "captcha",
        "Google",
        ("text", "strong", r"our systems have detected unusual traffic from your computer"),
        ("raw", "weak", r"google\.com/recaptcha|gstatic\.com/recaptcha|class=[\"']g-recaptcha"),
    ),
    *_markers(
        "captcha",
        "hCaptcha",
        ("raw", "weak", r"hcaptcha\.com/1/api\.js|class=[\"']h-captcha"),
    ),
    *_prose_markers(
        "captcha",
        r"verify (?:that )?you are (?:a )?human|"
        r"(?:please )?(?:confirm|prove) (?:that )?you(?:'re| are) (?:a human|not a robot)|"
        r"complete the (?:security check|captcha) (?:to|below|before)|"
        r"i'?m not a robot",
    ),
    *_markers(
        "captcha",
        "generic",
        (
            "title",
            "strong",
            r"\bcaptcha\b|are you a (?:robot|human)\??|security check|"
            r"human verification|bot verification",
        ),
    ),
    *_markers(
        "login-wall",
        "generic",
        (
            "url",
            "strong",
            r"/(?:log-?in|sign-?in|signin|sign_in|auth/|sso/|oauth|"
            r"accounts?/login|session/new)",
        ),
        ("title", "strong", r"^\s*(?:sign in|log ?in|login|sign-in)\b"),
        ("raw", "weak", r"<input[^>]+type=[\"']?password"),
    ),
    *_prose_markers(
        "login-wall",
        r"(?:sign|log) ?in to (?:continue|view this|access this|see this)|"
        r"(?:please )?(?:sign|log) ?in to your account to continue|"
        r"you (?:must|need to) (?:be )?(?:logged|signed) in to|"
        r"you (?:must|need to) (?:log|sign) ?in (?:to|before|first)|"
        r"this (?:page|content) is (?:only )?available to (?:logged-in|signed-in|registered)",
    ),
    *_markers(
        "cookie-wall",
        "Google",
        ("url", "strong", r"^https?://consent\.(?:google|youtube)\.[a-z.]+/"),
        ("text", "strong", r"before you continue to (?:google|youtube)"),
    ),
    *_markers(
        "cookie-wall",
        "Yahoo",
        ("url", "strong", r"^https?://(?:consent|guce)\.yahoo\.com/"),
    ),
    *_prose_markers(
        "cookie-wall",
        r"(?:you must|please) (?:accept|allow|enable) (?:the use of )?cookies "
        r"(?:to|in order to|before) (?:continue|access|view|use|proceed)|"
        r"cookies are (?:required|necessary) to (?:use|access|view) this|"
        r"to continue, (?:please )?(?:accept|agree to) (?:our |the )?(?:use of )?cookies|"
        r"please enable cookies",
    ),
    *_markers(
        "cookie-wall",
        "generic",
        (
            "text",
            "weak",
            r"accept all cookies|reject all cookies|we value your privacy|"
            r"manage (?:cookie )?(?:preferences|consent)",
        ),
    ),
    *_markers(
        "error-page",
        "HTTP",
        (
            "title",
            "strong",
            r"\b(?:40[0-9]|41[0-9]|50[0-9])\b.{0,40}"
            r"(?:error|not found|forbidden|unavailable|bad gateway|gateway time-?out)|"
            r"^\s*(?:error\s*)?(?:40[0-9]|50[0-9])\s*$",
        ),
        (
            "title",
            "strong",
            r"page not found|^\s*not found\s*$|internal server error|"
            r"service (?:temporarily )?unavailable|bad gateway|gateway time-?out|"
            r"under maintenance|something went wrong",
        ),
        (
            "lead",
            "strong",
            r"\b40[0-9]\b.{0,30}(?:error|not found|page)|page not found|"
            r"(?:page|content|document) (?:you(?:'re| are| were) looking for|you requested) "
            r"(?:could not|cannot|can't|couldn't|doesn't|does not|no longer|was not|isn't|is not)|"
            r"this page (?:could not be found|doesn't exist|does not exist|"
            r"is no longer available|isn't available)|"
            r"internal server error|service (?:temporarily )?unavailable|bad gateway|"
            r"gateway time-?out|something went wrong|an (?:unexpected )?error (?:has )?occurred|"
            r"application error: a (?:client|server)-side exception|"
            r"(?:site|page|we) (?:is |are )?(?:currently )?(?:down for|undergoing|under) "
            r"(?:scheduled )?maintenance|performing (?:some )?(?:scheduled )?maintenance|"
            r"we'?ll be back (?:soon|online shortly)|"
            r"web server is returning an unknown error",
        ),
    ),
)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def compile_patterns() -> None:
    """Compile every marker's pattern now (a process that forks workers; tests)."""
    for marker in MARKERS:
        _compiled(marker.pattern)
