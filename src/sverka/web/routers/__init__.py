"""One router module per resource; each has `api` (JSON/CSV under /api) and `pages` (HTML)."""
