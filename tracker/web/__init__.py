"""``tracker serve``: the stored history in a browser, and as JSON under ``/api/``.

    app.py       create_app: the read-only database, the rules, routes, error pages
    security.py  Guard: GET/HEAD only, the token, the Host check, security headers (CSP)
    params.py    request parameters checked (a bad one is a 400, never a traceback)
    pages.py     the HTML pages (templates/web/), each over a query of tracker.query
    api.py       the JSON API: the command line's JSON shapes; ENDPOINTS drives the routes
    openapi.py   the OpenAPI description made from ENDPOINTS (/api/openapi.json)

Addresses come from :mod:`tracker.render.links`, shared with digests and feeds.
"""

from tracker.web.app import create_app

__all__ = ["create_app"]
