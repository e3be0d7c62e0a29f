"""JSON or CSV for the same data: `?format=csv` on every list endpoint.

CSV flattens one page of `items` (nested values as JSON) and says where the next page is in a
`Link: <...>; rel="next"` header, the total in `X-Total-Count`. Cells that a spreadsheet would run
as a formula (=, +, @, tab, CR first) get a leading apostrophe: post text is untrusted.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

Format = Literal["json", "csv"]
FORMAT = Query("json", description="json, or csv for one page of items as a table")
FORMULA_START = ("=", "+", "@", "\t", "\r")


def respond(request: Request, data: dict[str, Any] | list[Any], fmt: Format = "json") -> Response:
    if fmt == "csv":
        items = data.get("items", []) if isinstance(data, dict) else data
        headers = {"Content-Disposition": f'inline; filename="{request.url.path.strip("/").replace("/", "-")}.csv"'}
        if isinstance(data, dict) and "total" in data:
            headers["X-Total-Count"] = str(data["total"])
        if isinstance(data, dict) and data.get("next"):
            headers["Link"] = f'<{request.url.include_query_params(cursor=data["next"])}>; rel="next"'
        return Response(to_csv(items), media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(data)


def to_csv(items: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for item in items:
        columns += [k for k in item if k not in columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for item in items:
        writer.writerow([cell(item.get(c)) for c in columns])
    return out.getvalue()


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
