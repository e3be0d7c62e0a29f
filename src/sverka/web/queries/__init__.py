"""Read-only queries the store does not offer yet, over `store.engine` (parameterised SQLAlchemy Core).

One module per resource; each function returns plain JSON-ready dicts, which both the REST API
and the page templates use.
"""
