"""``tracker serve``: browse the stored history (web UI and JSON API), read-only."""

from __future__ import annotations

import socket

import click

from tracker.cli.app import AppContext, pass_app
from tracker.errors import UsageError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@pass_app
def command(app: AppContext, host: str, port: int) -> None:
    """Serve the stored history in a browser and as JSON under /api/, read-only.

    Binds to 127.0.0.1 by default. Another address needs TRACKER_UI_TOKEN (or bind to
    127.0.0.1 behind a reverse proxy that authenticates); see README.
    """
    import uvicorn

    from tracker.cli.common import history_database_url
    from tracker.web import create_app
    from tracker.web.security import check_binding

    check_binding(host, app.settings.ui_token is not None)
    settings = app.settings.with_overrides(database_url=history_database_url(app))
    web = create_app(settings, bind_host=host)
    listener = listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"Serving the history read-only on http://{shown}:{listener.getsockname()[1]}/ "
        "(Ctrl-C stops)",
        err=True,
    )
    config = uvicorn.Config(
        web, log_level="warning", access_log=False, proxy_headers=False, server_header=False
    )
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        listener.close()
        web.state.web.db.dispose()


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, or one line saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # inherited by each accepted connection: a small answer's body is not held back
        # until the client acknowledges its headers (Nagle + delayed ACK: 40 ms per request)
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    return listener
