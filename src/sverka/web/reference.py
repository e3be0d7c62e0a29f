"""The REST reference in docs/web.md, generated from the routes: `python -m sverka.web.reference`.

A test compares docs/web.md with this output, so a new route or parameter cannot go undocumented.
"""

from __future__ import annotations

import inspect

from sverka.web.app import api_routes

START, END = "<!-- routes:start (python -m sverka.web.reference) -->", "<!-- routes:end -->"
SKIP_PARAMS = {"request"}


def markdown() -> str:
    lines = [START, "", "| route | parameters | what |", "|---|---|---|"]
    for route in api_routes():
        if not route.path.startswith("/api/"):
            continue
        params = [p.name for p in route.dependant.query_params if p.name not in SKIP_PARAMS]
        doc = inspect.cleandoc(route.endpoint.__doc__ or "").replace("\n", " ").replace("|", "\\|")
        cell = ", ".join(f"`{p}`" for p in params) or "—"
        lines.append(f"| `GET {route.path}` | {cell} | {doc} |")
    pages = sorted({r.path for r in api_routes() if not r.path.startswith("/api/")})
    lines += ["", "Pages (HTML; each also answers `?format=json` with the data it was rendered from): "
              + ", ".join(f"`{p}`" for p in pages) + ".", "", END]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
