"""``tracker run --workers N``: start N-1 more worker processes on this machine.

The process that started the run is the first worker; the others are ordinary
``python -m tracker run --join`` processes, exactly what one would start by hand on another
machine. They find the run through the run lock, claim documents from the same work list,
and exit when no document is left. Their log lines go to the same stderr.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Sequence

from tracker.settings import Settings

log = logging.getLogger(__name__)

#: How long a started worker waits for the run to appear in the lock (it is there already).
JOIN_WAIT_SECONDS = 60


def join_command(settings: Settings, run_id: int) -> list[str]:
    """The command line of one more worker for run ``run_id`` (it exits at once if the run
    is already over)."""
    return [
        sys.executable,
        "-m",
        "tracker",
        "run",
        "--join",
        "--run-id",
        str(run_id),
        "--wait",
        str(JOIN_WAIT_SECONDS),
        *(["--log-format", settings.log_format] if settings.log_format else []),
        "--log-level",
        settings.log_level,
    ]


class LocalWorkers:
    """``count`` worker processes joining the run this process started."""

    def __init__(self, count: int, settings: Settings) -> None:
        self.count = count
        self.settings = settings
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, run_id: int) -> None:
        """Start the workers (the runner calls this once the run and its lock exist)."""
        env = {**os.environ, "TRACKER_DATABASE_URL": self.settings.database_url}
        command = join_command(self.settings, run_id)
        for _ in range(self.count):
            self.processes.append(subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL))  # noqa: S603 - our own interpreter and module
        log.info("run %d: started %d more worker processes", run_id, self.count)

    def wait(self) -> Sequence[int]:
        """Wait for every worker to exit; their exit codes (ours are 0, 1 or 130)."""
        codes = [process.wait() for process in self.processes]
        for process, code in zip(self.processes, codes, strict=True):
            if code not in (0, 1):
                log.warning("worker process %d exited with code %d", process.pid, code)
        return codes

    def terminate(self) -> None:
        """Ask the workers to stop cleanly (SIGTERM), as the run is ending abnormally."""
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
