"""Starting and stopping the system's Chromium so that no process of it outlives the tracker.

:class:`ChromiumProcess` starts Chromium headless with :data:`CHROMIUM_FLAGS`, a fresh profile
folder and a DevTools port on 127.0.0.1 (read back from the profile's ``DevToolsActivePort``),
for Playwright to connect to. Three things make sure it ends with the tracker:

- its own session and process group (``start_new_session``): a Ctrl-C at the terminal does not
  reach it mid-page, and :meth:`ChromiumProcess.stop` kills the whole group (renderers, GPU
  and utility processes) at once;
- ``PR_SET_PDEATHSIG``: the kernel kills Chromium's main process when the thread that started
  it ends, even by SIGKILL;
- a watchdog process (its own session too) holding the read end of a pipe whose write end only
  the tracker holds: when that closes without the word "closed" (the tracker died, SIGKILL
  included), the watchdog kills Chromium's process group; either way it removes the profile
  folder, then exits.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from tracker.errors import FetchError
from tracker.settings import VARIABLES_BY_NAME
from tracker.vocabulary import FetchErrorKind

#: Seconds Chromium may take to start, and to close. A first start after a while can take tens
#: of seconds on a busy machine (its 200 MB of program read back from disk: seen at 21 s).
LAUNCH_SECONDS = 90.0
CLOSE_SECONDS = 10.0
PROFILE_PREFIX = "tracker-chromium-"

#: Command-line flags of every Chromium the tracker starts. Background networking, component
#: updates and sync are off: the browser talks only to the pages it is asked to render. No
#: startup tab: Playwright's ``connect_over_cdp`` waits for every page that exists when it
#: attaches, and a startup tab whose first navigation never commits held it to its timeout.
#: No site isolation: a page's cross-site frames (video embeds, consent and chat widgets,
#: captchas) render in the page's own renderer process, not one process each (memory); each
#: document still gets a fresh context, and no profile holds anything worth isolating.
#: The compositor (``--in-process-gpu``: headless, it composites in software) and the network
#: service (``NetworkServiceInProcess2``) run in the browser process rather than one process
#: each: every Chromium process maps its own copy of the program's pages in its RSS, and the
#: screenshot's pixels need not cross from one process to another (measured on 20 documents
#: of the browser bench's night: RSS sum at the peak 1168 -> 1047 MB, PSS 757 -> 731 MB,
#: CPU 3.5 -> 3.35 core-seconds a document). A crash of either is the browser's crash now:
#: it is restarted like one. Renderers stay processes of their own, forked from the zygote.
#: No second zygote (``--no-unsandboxed-zygote``): Chromium keeps one for the processes it
#: starts unsandboxed (the GPU process, utility services), which now run in the browser
#: process, so it forked nothing and held about 45 MB of RSS (15 of PSS) for nothing.
#: Every frame is drawn only once all its stages are done, its tiles rastered
#: (``--run-all-compositor-stages-before-draw``, what Chromium's deterministic headless mode
#: and its layout tests use): a screenshot shows one strip of the page at a time (see
#: ``tracker.fetch.browser``), and without it the copy of a strip just made visible could
#: come before its tiles were rastered, with rows left blank (bench page, strips of 512: 6
#: captures of 20; with it none of 60, half of them beside two busy loops). A frame drawn on
#: demand (``tracker.fetch.browser.FRAMES_ON_DEMAND``) is drawn only once its tiles are too.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-startup-window",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-breakpad",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,"
    "IsolateOrigins,site-per-process",
    "--disable-site-isolation-trials",
    "--in-process-gpu",
    "--enable-features=NetworkServiceInProcess2",
    "--no-unsandboxed-zygote",
    "--run-all-compositor-stages-before-draw",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-hang-monitor",
    "--metrics-recording-only",
    "--password-store=basic",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)

#: Where Chromium makes its shared memory (the pages' tiles and each frame's pixels, passed
#: between its processes: files it creates, maps and unlinks at once), unless it is told to use
#: the temporary folder instead (``--disable-dev-shm-usage``): a RAM file system, where a file
#: is pages of memory and nothing more. In the temporary folder on a disk's file system (ext4
#: here), each file's pages were read in, made writable, written back and evicted by that file
#: system: about a fifth of the browser process's CPU in a first night of the browser bench
#: (perf: ``filemap_fault``, ``ext4_page_mkwrite``, ``ext4_evict_inode``, ``ext4_create``),
#: for every strip of a screenshot. Containers often give ``/dev/shm`` 64 MB, too little for
#: pages' pixels (Chromium then crashes): it is used only with :data:`SHM_MIN_FREE_BYTES` free.
SHM_FOLDER = Path("/dev/shm")  # noqa: S108 - Chromium's own, only looked at
#: Two pages at once hold about 100-200 MB of shared memory at their peak (tiles, a strip's
#: frame and its copy): room for several times that.
SHM_MIN_FREE_BYTES = 1 << 30


def shared_memory_flags(folder: Path = SHM_FOLDER) -> tuple[str, ...]:
    """``--disable-dev-shm-usage`` unless ``folder`` (Chromium's ``/dev/shm``) is a folder
    this process may write in with at least :data:`SHM_MIN_FREE_BYTES` free."""
    try:
        stats = os.statvfs(folder)
    except OSError:
        return ("--disable-dev-shm-usage",)
    free = stats.f_bavail * stats.f_frsize
    if free >= SHM_MIN_FREE_BYTES and os.access(folder, os.W_OK | os.X_OK):
        return ()
    return ("--disable-dev-shm-usage",)


#: Offline (the demo, tests, benchmarks): no host name resolves, so a page's third-party
#: scripts and images fail at once and nothing leaves the machine; the loopback still works.
OFFLINE_FLAGS = ("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",)

#: The watchdog, a POSIX shell script (``/bin/sh``: about 1 MB of RSS where a Python
#: interpreter held about 10, counted in the tracker's peak memory): waits for EOF on stdin
#: (the tracker's end of the pipe closed, by ``close()`` or by the tracker's death), then
#: kills Chromium's process group (``$1``) unless the tracker said "closed" first, and removes
#: the profile folder (``$2``). ``read`` keeps the last piece, without a newline, at EOF.
_WATCHDOG = """trap '' INT
said=
while IFS= read -r piece; do said=$said$piece; done
said=$said$piece
case $said in
*closed) ;;
*) kill -9 "-$1" 2>/dev/null ;;
esac
rm -rf "$2"
"""
WATCHDOG_SHELL = "/bin/sh"


#: The program run by default: Debian's build of Chromium for automation (package
#: ``chromium-headless-shell``: the same engine and version as ``chromium`` without the desktop
#: browser around it), run as the package's program itself (its ``/usr/bin`` script starts it
#: without ``exec``: the script's death would not be the browser's); else the desktop browser,
#: headless. Measured on the bench page: a page opens in 0.1 s instead of 0.7-1.4 s.
DEFAULT_CHROMIUM: str = VARIABLES_BY_NAME["TRACKER_CHROMIUM"].default
DEFAULT_PROGRAMS = ("/usr/lib/chromium/chromium-headless-shell", DEFAULT_CHROMIUM, "chromium")


def find_chromium(configured: str) -> str:
    """The Chromium program to run: ``configured`` as a path, else looked up on ``PATH``; the
    default (:data:`DEFAULT_CHROMIUM`) is the first of :data:`DEFAULT_PROGRAMS` installed."""
    candidates = DEFAULT_PROGRAMS if configured == DEFAULT_CHROMIUM else (configured,)
    for candidate in candidates:
        found = shutil.which(candidate)
        if found is not None:
            return found
    raise FetchError(
        FetchErrorKind.RENDER,
        f"Chromium not found ({configured!r}): install it (Debian: apt-get install "
        "chromium chromium-headless-shell) or point TRACKER_CHROMIUM at it",
    )


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class ChromiumProcess:
    """One Chromium: its process group, its profile folder and its watchdog."""

    def __init__(self, executable: str, *, offline: bool = False) -> None:
        self.executable = executable
        self.flags = (
            *CHROMIUM_FLAGS,
            *shared_memory_flags(),
            *(OFFLINE_FLAGS if offline else ()),
        )
        self.folder = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX))
        self.profile = self.folder / "profile"
        self.process: subprocess.Popen[bytes] | None = None
        #: Chromium ended itself by a signal before it gave its DevTools address (a crash at
        #: start, as a SIGSEGV now and then on a loaded machine): worth one more start.
        self.crashed_at_start = False
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._watchdog_pipe: int | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> str:
        """Start Chromium; return its DevTools WebSocket address. Raises FetchError."""
        log_path = self.folder / "chromium.log"
        with log_path.open("wb") as output:
            try:
                self.process = subprocess.Popen(  # noqa: S603 - our own argument list
                    [self.executable, *self.flags, f"--user-data-dir={self.profile}"],
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=output,
                    start_new_session=True,
                    preexec_fn=_die_with_parent,  # only prctl: safe between fork and exec
                )
            except OSError as exc:
                self.stop()
                raise FetchError(
                    FetchErrorKind.RENDER, f"cannot start Chromium ({self.executable}): {exc}"
                ) from None
        self._start_watchdog(self.process.pid)
        return self._devtools_address(log_path)

    def _start_watchdog(self, group: int) -> None:
        read_end, write_end = os.pipe()
        try:
            self._watchdog = subprocess.Popen(  # noqa: S603 - our own shell and script
                [WATCHDOG_SHELL, "-c", _WATCHDOG, "tracker-watchdog", str(group), str(self.folder)],
                stdin=read_end,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            os.close(read_end)
        self._watchdog_pipe = write_end  # not inheritable: only this process holds it

    def _devtools_address(self, log_path: Path) -> str:
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + LAUNCH_SECONDS
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                lines = port_file.read_text("utf-8").splitlines()
                if len(lines) >= 2 and lines[0].strip().isdigit():
                    return f"ws://127.0.0.1:{lines[0].strip()}{lines[1].strip()}"
            time.sleep(0.02)
        reason = self._why_not_started(log_path)
        code = self.process.returncode if self.process is not None else None
        self.crashed_at_start = code is not None and code < 0
        self.stop()
        raise FetchError(FetchErrorKind.RENDER, f"Chromium did not start: {reason}")

    def _why_not_started(self, log_path: Path) -> str:
        if self.process is not None and self.process.poll() is None:
            return f"no DevTools address after {LAUNCH_SECONDS:g}s"
        code = self.process.returncode if self.process is not None else None
        return f"it exited ({code}): {_last_line(log_path) or 'no output'}"

    def stop(self) -> None:
        """Kill the whole process group, let the watchdog remove the folder, wait for it."""
        if self.process is not None:
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(CLOSE_SECONDS)
        if self._watchdog_pipe is not None:
            with contextlib.suppress(OSError):
                os.write(self._watchdog_pipe, b"closed")
            os.close(self._watchdog_pipe)
            self._watchdog_pipe = None
        if self._watchdog is not None:
            try:
                self._watchdog.wait(CLOSE_SECONDS)
            except subprocess.TimeoutExpired:
                self._watchdog.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def _last_line(path: Path) -> str | None:
    with contextlib.suppress(OSError):
        lines = [line.strip() for line in path.read_text("utf-8", "replace").splitlines()]
        lines = [line for line in lines if line]
        return lines[-1][:300] if lines else None
    return None
