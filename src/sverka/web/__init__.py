"""REST API and web UI over a sverka database (docs/web.md).

    from sverka.web import create_app
    app = create_app("sverka.db")       # FastAPI; `sverka serve` runs it with uvicorn

Every page is rendered from the same dict its `/api/...` twin returns as JSON.
"""

from __future__ import annotations

from sverka.web.app import create_app

__all__ = ["create_app"]
