"""`tracker schedule`: the cron wiring checked against a fake "now" (no sleeping), due
documents on a fake clock, scheduled runs against a local server, and a real process that
stops cleanly on SIGTERM in the middle of a run."""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tests.multihost import RULES_FILE, MultiHostServer, Seen, registry_text
from tracker.cli import cli
from tracker.cli.schedule import ScheduledRuns, scheduled_run
from tracker.clock import FixedClock
from tracker.errors import ConfigError, RulesError
from tracker.registry import DocumentSpec, parse_interval
from tracker.run.due import due_documents, is_due
from tracker.run.lock import acquire_lock, read_lock
from tracker.run.runner import run_tracking
from tracker.run.scheduler import JOB_ID, Scheduler, cron_trigger, crontab_fields, fire_times
from tracker.settings import Settings, load_settings
from tracker.store.database import Database, open_database
from tracker.store.schema import Digest, Fetch, Run

PARIS = ZoneInfo("Europe/Paris")


def settings_with(tmp_path: Path, **env: str) -> Settings:
    return load_settings(
        {"TRACKER_HOST_DELAY": "0", "TRACKER_RULES": RULES_FILE, **env}, cwd=tmp_path
    )


@pytest.mark.parametrize(
    ("expression", "day_of_week"),
    [
        ("0 3 * * *", "*"),
        ("0 3 * * 0", "sun"),  # cron: 0 is Sunday (APScheduler 3 alone would read Monday)
        ("0 3 * * 7", "sun"),
        ("0 3 * * 1-5", "mon,tue,wed,thu,fri"),
        ("0 3 * * */2", "sun,tue,thu,sat"),
        ("0 3 * * 5-7", "fri,sat,sun"),
        ("0 3 * * 1,3", "mon,wed"),
        ("0 3 * * mon-fri", "mon-fri"),
        ("0 3 * * sat,0", "sat,sun"),
    ],
)
def test_cron_weekdays_mean_what_they_mean_in_a_crontab(expression: str, day_of_week: str) -> None:
    assert crontab_fields(expression)["day_of_week"] == day_of_week


@pytest.mark.parametrize("expression", ["0 3 * *", "61 3 * * *", "0 3 * * 8", "0 3 32 * *", "x"])
def test_bad_schedules_are_configuration_errors(expression: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TRACKER_SCHEDULE"):
        cron_trigger(settings_with(tmp_path, TRACKER_SCHEDULE=expression))


def test_nightly_at_three_local_time_across_a_dst_change(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, TRACKER_TIMEZONE="Europe/Paris")
    now = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)
    times = fire_times(settings, now, 4)
    assert times == [datetime(2026, 3, day, 3, 0, tzinfo=PARIS) for day in (28, 29, 30, 31)]
    assert [t.utcoffset() for t in times] == [timedelta(hours=h) for h in (1, 2, 2, 2)]


def test_weekly_schedule_in_utc(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, TRACKER_TIMEZONE="UTC", TRACKER_SCHEDULE="30 4 * * 0")
    times = fire_times(settings, datetime(2026, 3, 2, tzinfo=UTC), 3)
    assert [t.strftime("%a %d %H:%M") for t in times] == [
        "Sun 08 04:30",
        "Sun 15 04:30",
        "Sun 22 04:30",
    ]


@pytest.mark.parametrize(
    ("expression", "days"),
    [
        # crontab(5): both day fields restricted, a day matching either fires
        ("0 3 1 * 1", ["05-01", "05-04", "05-11", "05-18", "05-25", "06-01", "06-08"]),
        ("0 3 13 * 5", ["05-01", "05-08", "05-13", "05-15", "05-22", "05-29", "06-05"]),
        # one of them unrestricted ("*" or "*/n", as cron reads it): both must match
        ("0 3 1 * *", ["05-01", "06-01", "07-01"]),
        ("0 3 */10 * 1", ["05-11", "06-01", "08-31"]),
    ],
)
def test_day_of_month_and_day_of_week_follow_crontab(
    expression: str, days: list[str], tmp_path: Path
) -> None:
    settings = settings_with(tmp_path, TRACKER_TIMEZONE="UTC", TRACKER_SCHEDULE=expression)
    times = fire_times(settings, datetime(2026, 4, 30, 12, tzinfo=UTC), len(days))
    assert [t.strftime("%m-%d") for t in times] == days
    assert all(t.strftime("%H:%M") == "03:00" for t in times)


def test_jitter_delays_each_firing_randomly_within_its_bound(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, TRACKER_TIMEZONE="UTC", TRACKER_SCHEDULE_JITTER="600")
    trigger = cron_trigger(settings)
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    nominal = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    random.seed(5)  # APScheduler draws its jitter from the random module
    fired = [trigger.get_next_fire_time(None, now) for _ in range(40)]
    assert all(nominal <= t <= nominal + timedelta(seconds=600) for t in fired if t)
    assert len(set(fired)) > 10


def test_the_job_coalesces_missed_runs_and_never_overlaps(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, TRACKER_TIMEZONE="Europe/Paris")
    scheduler = Scheduler(settings, lambda: None, threading.Event())
    job = scheduler.apscheduler.get_job(JOB_ID)
    assert job is not None
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, None)
    assert str(job.trigger.timezone) == "Europe/Paris"
    assert job.trigger.jitter == 120  # the default TRACKER_SCHEDULE_JITTER


def test_a_firing_during_a_run_is_skipped_not_queued(tmp_path: Path) -> None:
    runs: list[str] = []
    stop = threading.Event()

    def run() -> None:
        runs.append("run")
        scheduler.request()  # the next firing comes while this run is still going

    scheduler = Scheduler(settings_with(tmp_path), run, stop)
    assert not scheduler.run_if_requested()  # nothing requested yet
    scheduler.request()
    scheduler.request()  # two firings before the loop wakes: one run (coalesced)
    assert scheduler.run_if_requested()
    assert not scheduler.run_if_requested()
    assert runs == ["run"]
    scheduler.request()
    scheduler.shutdown()  # a stop request wins over a pending run
    assert not scheduler.run_if_requested()


DAY = timedelta(days=1)
T = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("interval", "last", "due"),
    [
        (None, T - timedelta(minutes=1), True),  # no interval: every run
        ("1d", None, True),  # never fetched well
        ("1d", T - DAY, True),
        ("1d", T - DAY + timedelta(minutes=5), True),  # yesterday's run fetched it later
        ("1d", T - timedelta(hours=20), False),
        ("1w", T - 6 * DAY, False),
        ("1w", T - 7 * DAY + timedelta(hours=3), True),
        ("30m", T - timedelta(minutes=28), True),
        ("30m", T - timedelta(minutes=20), False),
    ],
)
def test_is_due(interval: str | None, last: datetime | None, due: bool) -> None:
    assert is_due(parse_interval(interval) if interval else None, last, T) is due


def test_due_documents_follow_the_last_good_fetch(db: Database, tmp_path: Path) -> None:
    with MultiHostServer().running() as server:
        daily = DocumentSpec("s/daily", "S", "Daily", server.url(0, "/d"), interval=DAY)
        weekly = DocumentSpec("s/weekly", "S", "Weekly", server.url(0, "/w"), interval=7 * DAY)
        always = DocumentSpec("s/always", "S", "Always", server.url(0, "/a"))
        broken = DocumentSpec("s/broken", "S", "Broken", "http://127.0.0.1:9/", interval=7 * DAY)
        docs = [daily, weekly, always, broken]
        settings = settings_with(tmp_path, TRACKER_RETRIES="0")
        run_tracking(db, docs, settings=settings, clock=FixedClock(T))
    slugs = lambda now: [d.slug for d in due_documents(db, docs, now)]  # noqa: E731
    assert slugs(T + timedelta(hours=12)) == ["s/always", "s/broken"]
    assert slugs(T + DAY) == ["s/daily", "s/always", "s/broken"]
    assert slugs(T + 7 * DAY) == ["s/daily", "s/weekly", "s/always", "s/broken"]


def test_a_scheduled_run_tracks_the_due_documents_then_writes_the_digest(
    database_url: str, tmp_path: Path
) -> None:
    with MultiHostServer().running() as server:
        registry = tmp_path / "documents.toml"
        registry.write_text(
            registry_text([server.url(0, "/a"), server.url(0, "/b")])
            + f'[[documents]]\nslug = "site/weekly"\nservice = "S"\ntype = "W"\n'
            f'url = "{server.url(0, "/w")}"\ninterval = "1w"\n',
            encoding="utf-8",
        )
        env = {"TRACKER_DATABASE_URL": database_url, "TRACKER_REGISTRY": str(registry)}
        settings = settings_with(tmp_path, **env)
        scheduled_run(settings, threading.Event())
        scheduled_run(settings, threading.Event())  # the weekly document is not due again
    host = server.url(0, "").removeprefix("http://")
    assert server.requests[f"{host}/w"] == 1
    assert sorted(server.requests.values()) == [1, 2, 2]
    db = open_database(database_url)
    try:
        with db.reader() as session:
            runs = session.scalars(select(Run).order_by(Run.id)).all()
            assert [(r.trigger, r.status, r.documents_total) for r in runs] == [
                ("schedule", "ok", 3),
                ("schedule", "ok", 2),
            ]
            # the first run's new documents are reported; the second has nothing new
            (digest,) = session.scalars(select(Digest)).all()
            assert digest.status == "delivered" and "3 new documents" in digest.subject
    finally:
        db.dispose()


def test_one_process_rereads_the_rule_file_and_registry_when_they_change(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The runs of one ``tracker schedule`` process keep the parsed rule file and registry
    only while their text is the same: an edit between two runs is seen by the second, a
    broken one stops that run (the old rules are not used instead), a mended one runs."""
    caplog.set_level(logging.INFO, logger="tracker")
    rules = tmp_path / "rules.toml"
    rules.write_text(Path(RULES_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    question = 'question = "Is customer data used to train models by default?"'
    assert question in rules.read_text(encoding="utf-8")
    with MultiHostServer().running() as server:
        registry = tmp_path / "documents.toml"
        registry.write_text(registry_text([server.url(0, "/a")]), encoding="utf-8")
        env = {
            "TRACKER_DATABASE_URL": database_url,
            "TRACKER_REGISTRY": str(registry),
            "TRACKER_RULES": str(rules),
        }
        runs = ScheduledRuns(settings_with(tmp_path, **env), threading.Event())
        runs()
        first = runs.classifier()
        runs()  # nothing changed: the same rule set and registry, nothing answered again
        assert runs.classifier() is first
        assert "key facts answered under the current rules" not in caplog.text

        # an edit of a fact's question: the next run answers the key facts again
        rules.write_text(
            rules.read_text(encoding="utf-8").replace(
                question, 'question = "Is customer data used for training by default?"'
            ),
            encoding="utf-8",
        )
        registry.write_text(
            registry_text([server.url(0, "/a"), server.url(0, "/b")]), encoding="utf-8"
        )
        runs()
        assert runs.classifier() is not first
        assert "key facts answered under the current rules for 1 version(s)" in caplog.text

        # a rule file that no longer passes: that run fails, the old rules are not used
        broken = rules.read_text(encoding="utf-8")
        rules.write_text(broken.replace('id = "trains_by_default"', 'id = "Bad id"'), "utf-8")
        caplog.clear()
        runs()
        assert "scheduled run failed:" in caplog.text and "fact #1: needs an 'id'" in caplog.text
        with pytest.raises(RulesError):
            runs.classifier()
        rules.write_text(broken, encoding="utf-8")
        runs()
    host = server.url(0, "").removeprefix("http://")
    assert server.requests[f"{host}/a"] == 4  # not during the run the broken file stopped
    assert server.requests[f"{host}/b"] == 2  # added to the registry between two runs
    db = open_database(database_url)
    try:
        with db.reader() as session:
            totals = [r.documents_total for r in session.scalars(select(Run).order_by(Run.id))]
            assert totals == [1, 1, 2, 2]
    finally:
        db.dispose()


def test_a_scheduled_run_is_skipped_while_another_run_holds_the_lock(
    db: Database, database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    registry = tmp_path / "documents.toml"
    registry.write_text(registry_text(["http://127.0.0.1:9/x"]), encoding="utf-8")
    settings = settings_with(
        tmp_path, TRACKER_DATABASE_URL=database_url, TRACKER_REGISTRY=str(registry)
    )
    acquire_lock(db, owner="someone", ttl=timedelta(hours=1), now=datetime.now(UTC))
    scheduled_run(settings, threading.Event())
    assert "scheduled run skipped: another run holds the run lock" in caplog.text
    with db.reader() as session:
        assert session.scalars(select(Run)).all() == []


def test_show_prints_the_next_run_times(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["schedule", "--show", "3"],
        env={"TRACKER_TIMEZONE": "UTC", "TRACKER_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    times = [datetime.fromisoformat(line) for line in result.output.split()]
    assert len(times) == 3 and all(t.strftime("%H:%M%z") == "03:00+0000" for t in times)
    assert times[1] - times[0] == times[2] - times[1] == DAY


def test_sigterm_finishes_the_document_in_hand_and_exits_cleanly(
    database_url: str, tmp_path: Path
) -> None:
    first_request = threading.Event()
    may_answer = threading.Event()

    def hold_first(_seen: Seen) -> None:
        if not first_request.is_set():
            first_request.set()
            may_answer.wait(60)

    with MultiHostServer(on_request=hold_first).running() as server:
        registry = tmp_path / "documents.toml"
        registry.write_text(registry_text([server.url(0, f"/{n}") for n in range(3)]))
        env = {
            **os.environ,
            "TRACKER_DATABASE_URL": database_url,
            "TRACKER_REGISTRY": str(registry),
            "TRACKER_DATA_DIR": str(tmp_path / "data"),
            "TRACKER_RULES": RULES_FILE,
            "TRACKER_CONCURRENCY": "1",
            "TRACKER_HOST_DELAY": "0",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", "schedule", "--run-now"],
            env=env,
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert first_request.wait(60)  # a document is in hand
            process.send_signal(signal.SIGTERM)
            _wait_for_line(process, "SIGTERM received")
            may_answer.set()
            _, err = process.communicate(timeout=60)
        finally:
            may_answer.set()
            process.kill()
    assert process.returncode == 0, err
    assert server.total_requests == 1
    db = open_database(database_url)
    try:
        with db.reader() as session:
            (run,) = session.scalars(select(Run)).all()
            assert (run.status, run.trigger) == ("interrupted", "schedule")
            (fetch,) = session.scalars(select(Fetch)).all()  # the document in hand, recorded
            assert fetch.outcome == "changed"
        assert read_lock(db) is None
    finally:
        db.dispose()


def _wait_for_line(process: subprocess.Popen[str], text: str) -> None:
    assert process.stderr is not None
    for line in process.stderr:
        if text in line:
            return
    raise AssertionError(f"{text!r} never logged")
