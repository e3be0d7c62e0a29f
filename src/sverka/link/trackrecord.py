"""Track record per channel: how its claims fared against other channels, and how original it is.

For each channel (and period, when asked): claims made; corroborated (an independent channel asserts
the same — a forward, a copy or the channel itself does not count); contradicted; unconfirmed (neither);
the share of its claims that the claims stage marked insider or unsourced (`sourcing == "none"`), when
claims come from that stage; and originality: first publications vs. copies among its posts that have
duplicates.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sverka.link.linker import Linker

COLUMNS = (
    "channel", "period", "posts", "claims", "corroborated", "contradicted", "unconfirmed",
    "share_insider", "share_unsourced", "first_publications", "copies", "originality",
)  # fmt: skip


def track_record(linker: Linker, period: str | None = None) -> list[dict[str, Any]]:
    """One row per channel (per channel and period: "day" | "week" | "month"), sorted by channel."""
    corroborated, contradicted = set(), set()
    for link in linker.claim_links:
        if link.relation == "contradict":
            contradicted |= {link.a, link.b}
        elif link.independent:
            corroborated |= {link.a, link.b}
    rows: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    for doc_id, info in linker.docs.items():
        key = (info.source or "?", bucket(info.published, period))
        row = rows[key]
        row["posts"] += 1
        first = linker.dedup.first_seen(doc_id) if doc_id in linker.dedup.entries else doc_id
        if linker.dedup.group(doc_id) in linker.dup_groups:
            row["first_publications" if first == doc_id else "copies"] += 1
        for claim in linker.doc_claims.get(doc_id, []):
            row["claims"] += 1
            fate = "contradicted" if claim.key in contradicted else "corroborated" if claim.key in corroborated else ""
            row[fate or "unconfirmed"] += 1
            meta = info.claim_meta[claim.index] if claim.index < len(info.claim_meta) else {}
            if meta:
                row["_staged"] += 1
                row["_insider"] += bool(meta.get("insider"))
                row["_unsourced"] += meta.get("sourcing") == "none"
    return [_finish(channel, when, row) for (channel, when), row in sorted(rows.items())]


def _finish(channel: str, when: str, row: dict[str, Any]) -> dict[str, Any]:
    staged = row.get("_staged", 0)
    dups = row.get("first_publications", 0) + row.get("copies", 0)
    return {
        "channel": channel,
        "period": when,
        **{k: row.get(k, 0) for k in ("posts", "claims", "corroborated", "contradicted", "unconfirmed")},
        "share_insider": round(row.get("_insider", 0) / staged, 3) if staged else None,
        "share_unsourced": round(row.get("_unsourced", 0) / staged, 3) if staged else None,
        "first_publications": row.get("first_publications", 0),
        "copies": row.get("copies", 0),
        "originality": round(row.get("first_publications", 0) / dups, 3) if dups else None,
    }


def bucket(when: Any, period: str | None) -> str:
    if when is None or period is None:
        return "all"
    if period == "day":
        return when.date().isoformat()
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{when.year}-{when.month:02d}"
    raise ValueError(f"unknown period {period!r}: use day, week or month")
