"""Suspect pages in the pipeline: held, confirmed by repetition, flapping, accepted by an operator.

Every test runs the real pipeline against a real local HTTP server and the database under test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select

from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.digest.collect import current_failures
from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import ChangeRow, FactRow, Fetch, Run, Version
from tracker.track.context import DocumentResult

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
SLUG = "example/privacy-policy"


def policy(sections: int, *, lang: str = "en", extra: str = "") -> str:
    """A realistic policy page: navigation, cookie banner, ``sections`` sections of real prose."""
    text = (DATA / "languages" / f"{lang}.txt").read_text(encoding="utf-8").strip()
    body = "".join(
        f"<h2>{n}. Section {n}</h2><p>{text}</p><p>Clause {n}.{n}: {extra}</p>"
        for n in range(1, sections + 1)
    )
    return (
        "<html><head><title>Privacy Policy | Example</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/login">Sign in</a></nav>'
        '<div class="cookie-banner">We value your privacy. '
        "<button>Accept all cookies</button></div>"
        f"<main><h1>Privacy Policy</h1>{body}</main><footer>© Example Inc.</footer></body></html>"
    )


LONG_A = policy(30, extra="We keep logs for 30 days.")
LONG_B = policy(30, extra="We keep logs for 90 days.")
HALF = policy(12, extra="We keep logs for 30 days.")
FRENCH = policy(30, lang="fr", extra="Nous conservons les journaux 30 jours.")
WALL = (DATA / "walls" / "bot-wall__cloudflare-managed-challenge.html").read_text()
SOFT_404 = (DATA / "walls" / "error-page__nextjs-404.html").read_text()


class Nights:
    """One document served by the local server, tracked night after night."""

    def __init__(self, server: HTTPServer, db: Database, settings: Settings) -> None:
        self.server, self.db, self.settings = server, db, settings
        self.night = 0
        self.spec = DocumentSpec(
            slug=SLUG,
            service="Example",
            type="Privacy Policy",
            url=server.url_for("/privacy"),
            rules=ExtractionRules(select=("main",)),
        )

    def serve(self, html: str, status: int = 200) -> None:
        self.server.clear()
        self.server.expect_request("/privacy").respond_with_data(
            html, status=status, content_type="text/html; charset=utf-8"
        )

    def run(self, html: str, status: int = 200) -> DocumentResult:
        self.serve(html, status)
        when = NIGHT + timedelta(days=self.night)
        self.night += 1
        report = run_tracking(self.db, [self.spec], settings=self.settings, clock=FixedClock(when))
        (result,) = report.results
        assert report.exit_code == (1 if result.failed else 0)
        return result

    def outcomes(self, *pages: str) -> list[str]:
        return [self.run(html).outcome for html in pages]

    def versions(self) -> list[Version]:
        with self.db.reader() as session:
            return list(session.scalars(select(Version).order_by(Version.number)))

    def fetches(self) -> list[Fetch]:
        with self.db.reader() as session:
            return list(session.scalars(select(Fetch).order_by(Fetch.id)))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"TRACKER_FETCH_TIMEOUT": "5"}, cwd=tmp_path)


@pytest.fixture
def nights(httpserver: HTTPServer, db: Database, settings: Settings) -> Nights:
    return Nights(httpserver, db, settings)


def texts_of(versions: list[Version]) -> list[str]:
    return [v.text_sha256 for v in versions]


# -- held ------------------------------------------------------------------------------------
def test_a_bot_wall_seen_every_night_never_becomes_the_policy(nights: Nights) -> None:
    assert nights.run(LONG_A).outcome == "changed"
    results = [nights.run(WALL) for _ in range(4)]
    assert {(r.outcome, r.error_kind) for r in results} == {("suspect", "bot-wall")}
    assert len(nights.versions()) == 1
    wall_fetches = nights.fetches()[1:]
    # The raw page is kept as evidence; the selector matched nothing, so there is no text.
    assert all(f.raw_sha256 and f.version_id is None for f in wall_fetches)
    assert all("Cloudflare" in (f.error_message or "") for f in wall_fetches)
    with nights.db.reader() as session:
        (note,) = current_failures(session)
    assert (note.document.slug, note.outcome, note.error_kind) == (SLUG, "suspect", "bot-wall")
    assert (note.consecutive, note.nights, note.last_good) == (4, 4, NIGHT)
    assert note.since == NIGHT + timedelta(days=1) and "bot wall" in note.error_message
    # The policy is back: verified, no change was ever recorded.
    assert nights.run(LONG_A).outcome == "unchanged"
    assert len(nights.versions()) == 1
    with nights.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ChangeRow)) == 0
        assert current_failures(session) == []


def test_an_error_page_served_with_200_is_held(nights: Nights) -> None:
    nights.run(LONG_A)
    result = nights.run(SOFT_404)
    assert (result.outcome, result.error_kind) == ("suspect", "error-page")
    assert len(nights.versions()) == 1


def test_a_near_empty_first_page_is_not_version_one(nights: Nights) -> None:
    stub = "<html><body><main><h1>Privacy Policy</h1><p>Coming soon.</p></main></body></html>"
    result = nights.run(stub)
    assert (result.outcome, result.error_kind) == ("suspect", "near-empty")
    assert nights.versions() == []
    (fetch,) = nights.fetches()
    assert fetch.text_sha256 is not None and fetch.raw_sha256 is not None


# -- confirmed by repetition -----------------------------------------------------------------
def test_a_shrunk_text_is_recorded_on_its_third_sighting(nights: Nights) -> None:
    assert nights.outcomes(LONG_A, HALF, HALF, HALF) == ["changed", "suspect", "suspect", "changed"]
    versions = nights.versions()
    assert len(versions) == 2 and versions[1].first_seen == NIGHT + timedelta(days=3)
    fetches = nights.fetches()
    assert [f.error_kind for f in fetches] == [None, "shrunk", "shrunk", None]
    assert fetches[1].text_sha256 == fetches[3].text_sha256 == versions[1].text_sha256


def test_a_failed_night_does_not_break_the_confirmation(nights: Nights) -> None:
    nights.run(LONG_A)
    assert nights.run(HALF).outcome == "suspect"
    assert nights.run("upstream exploded", status=502).error_kind == "http-status"
    assert nights.outcomes(HALF, HALF) == ["suspect", "changed"]


def test_confirmations_are_a_setting(nights: Nights, tmp_path: Path) -> None:
    nights.settings = load_settings({"TRACKER_SUSPECT_CONFIRMATIONS": "1"}, cwd=tmp_path)
    assert nights.outcomes(LONG_A, HALF, HALF) == ["changed", "suspect", "changed"]


def test_a_language_change_is_confirmed_like_a_shrink(nights: Nights) -> None:
    nights.run(LONG_A)
    result = nights.run(FRENCH)
    assert (result.outcome, result.error_kind) == ("suspect", "language-changed")
    assert nights.outcomes(FRENCH, FRENCH) == ["suspect", "changed"]


def test_a_page_switched_to_another_language_in_large_part_is_held(nights: Nights) -> None:
    french_first = FRENCH.split("<h2>19.")[0] + "<h2>19." + LONG_A.split("<h2>19.")[1]
    nights.run(LONG_A)
    result = nights.run(french_first)  # its first 60% in French, the rest as before
    assert (result.outcome, result.error_kind) == ("suspect", "language-changed")
    assert result.error is not None and "of the text is in another language" in result.error


def test_a_different_suspect_text_restarts_the_count(nights: Nights) -> None:
    other_half = policy(12, extra="We keep logs for 60 days.")
    nights.run(LONG_A)
    assert nights.outcomes(HALF, other_half, HALF, HALF) == ["suspect"] * 4
    assert nights.run(HALF).outcome == "changed"


# -- flapping --------------------------------------------------------------------------------
def test_a_flapping_page_is_one_episode_not_a_change_every_night(nights: Nights) -> None:
    assert nights.outcomes(LONG_A, LONG_B) == ["changed", "changed"]
    flaps = [nights.run(html) for html in (LONG_A, LONG_B) * 3]
    assert {(r.outcome, r.error_kind) for r in flaps} == {("suspect", "flapping")}
    assert len(nights.versions()) == 2
    with nights.db.reader() as session:
        (note,) = current_failures(session)
        changes = session.scalar(select(func.count(func.distinct(ChangeRow.to_version_id))))
    assert changes == 1  # only version 1 -> 2, reported once
    assert (note.outcome, note.error_kind, note.consecutive) == ("suspect", "flapping", 6)
    assert note.since == NIGHT + timedelta(days=2)
    assert "version 1" in note.error_message or "version 2" in note.error_message
    # The page settles on B: held twice more, then verified again on the third night in a row.
    assert nights.outcomes(LONG_B, LONG_B) == ["suspect", "unchanged"]
    assert len(nights.versions()) == 2
    assert nights.outcomes(LONG_A) == ["suspect"]  # back to A right away: a new episode


def test_a_real_revert_is_recorded_once_it_holds(nights: Nights) -> None:
    nights.outcomes(LONG_A, LONG_B)
    assert nights.outcomes(LONG_A, LONG_A, LONG_A) == ["suspect", "suspect", "changed"]
    versions = nights.versions()
    assert texts_of(versions)[2] == texts_of(versions)[0]


def test_an_old_text_coming_back_long_after_is_a_plain_change(nights: Nights) -> None:
    nights.outcomes(LONG_A, LONG_B)
    assert nights.outcomes(*[LONG_B] * 11) == ["unchanged"] * 11
    assert nights.run(LONG_A).outcome == "changed"


# -- accepted by an operator -----------------------------------------------------------------
@pytest.fixture
def accept(nights: Nights, database_url: str, tmp_path: Path) -> Callable[[str], tuple[int, str]]:
    registry = tmp_path / "documents.toml"
    registry.write_text(
        f'[[documents]]\nslug = "{SLUG}"\nservice = "Example"\ntype = "Privacy Policy"\n'
        f'url = "{nights.spec.url}"\nselect = ["main"]\n',
        encoding="utf-8",
    )
    env = {
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
    }

    def invoke(slug: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, ["--registry", str(registry), "accept", slug], env=env)
        return result.exit_code, result.output

    return invoke


def test_accept_records_the_held_text_as_an_operator_decision(
    nights: Nights, accept: Callable[[str], tuple[int, str]]
) -> None:
    nights.outcomes(LONG_A, policy(3, extra="We keep logs for 30 days."))
    code, output = accept(SLUG)
    assert code == 0, output
    assert "recorded as version 2" in output and "shrunk" in output
    versions = nights.versions()
    fetches = nights.fetches()
    assert len(versions) == 2 and fetches[-1].version_id == versions[1].id
    assert fetches[-1].raw_sha256 == fetches[1].raw_sha256 == versions[1].raw_sha256
    assert fetches[1].outcome == "suspect" and fetches[1].version_id is None  # history kept
    with nights.db.reader() as session:
        run = session.get_one(Run, fetches[-1].run_id)
        assert run.trigger == "accept"
        assert session.scalar(select(func.count()).select_from(ChangeRow)) > 0
        assert current_failures(session) == []
        # Annotated by the same rule file as `tracker run` (key facts stored for the version).
        facts = select(func.count()).where(FactRow.version_id == versions[1].id)
        assert (session.scalar(facts.select_from(FactRow)) or 0) > 0
    # The next night serves the same page: verified without a new version.
    assert nights.run(policy(3, extra="We keep logs for 30 days.")).outcome == "unchanged"


def test_accept_refuses_when_nothing_is_held(
    nights: Nights, accept: Callable[[str], tuple[int, str]]
) -> None:
    nights.run(LONG_A)
    code, output = accept(SLUG)
    assert code == 2 and "nothing to accept" in output
    code, output = accept("example/unknown")
    assert code == 2 and "unknown document" in output


def test_accept_of_a_wall_without_text_is_an_error(
    nights: Nights, accept: Callable[[str], tuple[int, str]]
) -> None:
    nights.outcomes(LONG_A, WALL)
    code, output = accept(SLUG)
    assert code == 1 and "no text to record" in output and "Traceback" not in output
    assert len(nights.versions()) == 1


def test_accept_settles_a_flapping_page_on_the_latest_text(
    nights: Nights, accept: Callable[[str], tuple[int, str]]
) -> None:
    nights.outcomes(LONG_A, LONG_B, LONG_A, LONG_B)
    code, output = accept(SLUG)
    assert code == 0 and "page settled" in output, output
    assert len(nights.versions()) == 2
    assert nights.run(LONG_B).outcome == "unchanged"
