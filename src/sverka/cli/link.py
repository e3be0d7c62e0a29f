"""`sverka link | stories | story | duplicates | entity | claim | sources | graph`: linking across sources.

Thin shells over `sverka.link` and the link tables of the store (docs/linking.md). `sverka link`
updates the stored linker with new documents; the other commands read that state.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from sverka.errors import SverkaError

out = Console()
err = Console(stderr=True)
Db = Annotated[str | None, typer.Option(help="Database URL or SQLite file.")]
Fmt = Annotated[str, typer.Option("--format", help="text | json")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(message)}")
    return typer.Exit(code)


def _open(db: str | None) -> Any:
    from sverka.store import Store

    try:
        return Store(db)
    except SverkaError as exc:
        raise _fail(str(exc)) from exc


def _linker(db: str | None) -> Any:
    from sverka.link.storage import load_linker

    linker = load_linker(_open(db).engine)
    if linker is None:
        raise _fail("nothing linked yet: run `sverka link` first (after `sverka ingest`)")
    return linker


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def link(
    db: Db = None,
    rebuild: Annotated[bool, typer.Option(help="Forget the stored state and link everything again.")] = False,
    aliases: Annotated[Path | None, typer.Option(help="Entity aliases CSV (alias,name,type).")] = None,
) -> None:
    """Link new documents: duplicates and forwards, stories, entities across posts, claim links."""
    from sqlalchemy import func, select

    from sverka.link.storage import link_store
    from sverka.store import schema

    store = _open(db)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(schema.documents)).scalar_one()
    columns = (TextColumn("linking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("link", total=total)
        try:
            linker, added = link_store(store.engine, rebuild, str(aliases) if aliases else None,
                                       progress=lambda n: bar.advance(task, n))  # fmt: skip
        except SverkaError as exc:
            raise _fail(str(exc)) from exc
    multi = len(linker.stories.clusters(2))
    contra = sum(1 for x in linker.claim_links if x.relation == "contradict")
    out.print(f"linked {added} new document(s), {len(linker.docs)} in all: {len(linker.dedup.pairs)} duplicate pairs, "
              f"{multi} stories of 2+ posts, {len(linker.claim_links)} claim links ({contra} contradictions)")


def stories(
    db: Db = None,
    since: Annotated[str | None, typer.Option(help="Only stories that end on or after this date (ISO).")] = None,
    min_size: Annotated[int, typer.Option(help="Smallest story shown (posts).")] = 2,
    limit: Annotated[int, typer.Option(help="How many stories to show, largest first.")] = 50,
    fmt: Fmt = "text",
) -> None:
    """Story clusters: title, time span, channels, size, key entities."""
    linker = _linker(db)
    when = _date(since)
    found = [linker.story_summary(s.id) for s in linker.stories.clusters(min_size)]
    found = [s for s in found if when is None or (s["end"] or "") >= when]
    found.sort(key=lambda s: (-s["size"], s["id"]))
    found = found[:limit]
    if fmt == "json":
        return _emit_json(found)
    table = Table(title=f"stories ({len(found)})", title_justify="left")
    for col in ("id", "size", "time (UTC)", "channels", "title"):
        table.add_column(col, justify="right" if col in ("id", "size") else "left")
    for s in found:
        span = f"{(s['start'] or '')[5:16]}–{(s['end'] or '')[11:16]}"
        table.add_row(str(s["id"]), str(s["size"]), span, str(len(s["channels"])), escape(s["title"]))
    out.print(table)


def story(story_id: Annotated[int, typer.Argument(help="A story id from `sverka stories`.")], db: Db = None,
          fmt: Fmt = "text") -> None:  # fmt: skip
    """One story: its posts in time order, first publication, who copied whom, claim links."""
    linker = _linker(db)
    if story_id not in linker.stories.stories:
        raise _fail(f"no story {story_id}; list them with `sverka stories`")
    if story_id in linker.stories.merged:
        story_id = linker.story_id(story_id)
        err.print(f"[yellow]that story was merged into story {story_id}[/]")
    summary = linker.story_summary(story_id)
    docs = set(summary["documents"])
    summary["claim_links"] = [vars(x) for x in linker.claim_links if x.a.rpartition("#")[0] in docs]
    if fmt == "json":
        return _emit_json(summary)
    out.rule(f"[bold]story {story_id}[/]: {escape(summary['title'])}")
    out.print(f"{summary['size']} posts, {summary['start']} – {summary['end']}; entities: "
              f"{escape(', '.join(summary['entities']) or '—')}")
    copied = {c["b"]: c for c in summary["copies"]}
    table = Table(show_lines=False)
    for col in ("time (UTC)", "channel", "post", "duplicate of", "lead"):
        table.add_column(col)
    for d in summary["documents"]:
        info = linker.docs[d]
        dup = copied.get(d)
        mark = f"{dup['kind']} of {dup['a']}" if dup else ("first publication" if d == summary["first"] else "")
        when = info.published.isoformat()[11:16] if info.published else ""
        table.add_row(when, escape(info.source or ""), escape(d), escape(mark), escape(info.title[:90]))
    out.print(table)
    for x in summary["claim_links"]:
        tag = "" if x["independent"] or x["relation"] == "contradict" else " (not independent)"
        out.print(f"{x['relation']}{tag}: {x['a']} ↔ {x['b']} {escape(x['reason'] or '')}")


def duplicates(
    db: Db = None,
    kind: Annotated[str | None, typer.Option(help="forward | copy | near_duplicate")] = None,
    fmt: Fmt = "text",
) -> None:
    """Near-duplicate pairs: forwards, uncredited copies, near-duplicates, earlier post first."""
    linker = _linker(db)
    pairs = [p for p in linker.dedup.pairs if kind is None or p.kind == kind]
    if fmt == "json":
        return _emit_json([{"a": p.a, "b": p.b, "kind": p.kind, "score": p.score} for p in pairs])
    table = Table(title=f"duplicates ({len(pairs)})", title_justify="left")
    for col in ("kind", "score", "first", "then"):
        table.add_column(col)
    for p in pairs:
        a, b = linker.docs[p.a], linker.docs[p.b]
        table.add_row(p.kind, f"{p.score:.2f}", escape(f"{a.source}: {a.title[:60]}"), escape(f"{b.source}: {p.b}"))
    out.print(table)


def entity(
    name: Annotated[str, typer.Argument(help="A name in any form: Токаев, Токаева, Касым-Жомарт Токаев.")],
    db: Db = None,
    split: Annotated[str | None, typer.Option(help="Keep this other entity apart from NAME (records a split).")] = None,
    undo: Annotated[int | None, typer.Option(help="Undo merge/split number N (see --format json: log).")] = None,
    fmt: Fmt = "text",
) -> None:
    """One entity across posts: aliases, mentions over time, co-mentioned entities, stance per channel."""
    from sverka.link.storage import save

    store = _open(db)
    linker = _linker(db)
    reg = linker.registry
    if undo is not None or split:
        try:
            if undo is not None:
                reg.undo(undo)
            if split:
                a, b = reg.find(name), reg.find(split)
                if not (a and b):
                    raise SverkaError(f"unknown entity {name if not a else split!r}")
                reg.split(a, b)
        except SverkaError as exc:
            raise _fail(str(exc)) from exc
        save(store.engine, linker)
    canon = reg.find(name)
    if canon is None:
        raise _fail(f"no entity called {name!r} in the linked posts; try another form of the name")
    data = entity_profile(linker, canon)
    if fmt == "json":
        return _emit_json(data)
    out.rule(f"[bold]{escape(data['name'])}[/] ({data['id']})")
    out.print(f"aliases: {escape(', '.join(data['aliases']) or '—')}   posts: {data['posts']}")
    out.print("mentions per day: " + ", ".join(f"{d}: {n}" for d, n in data["mentions_per_day"].items()))
    out.print("co-mentioned: " + escape(", ".join(f"{n} ({c})" for n, c in data["co_mentioned"][:12])))
    for channel, days in data["stance"].items():
        out.print(f"stance in {escape(channel)}: " + escape("; ".join(f"{d}: {v}" for d, v in days.items())))
    for op in data["log"]:
        out.print(f"#{op['id']} {op['op']} {escape(op['a'])} → {escape(op['b'])} ({op['source']}: "
                  f"{escape(op['reason'])}){' [undone]' if op['undone'] else ''}")


def entity_profile(linker: Any, canon: str) -> dict[str, Any]:
    from sverka.link.entities_xdoc import co_mentions

    reg = linker.registry
    members = reg.members(canon)
    doc_entities = {d: [reg.canonical(e) for e in info.entities] for d, info in linker.docs.items()}
    posts = [d for d, ids in doc_entities.items() if canon in ids]
    per_day: Counter[str] = Counter()
    stance: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for d in posts:
        info = linker.docs[d]
        day = info.published.date().isoformat() if info.published else "unknown"
        per_day[day] += 1
        for s in info.sentiment:
            if reg.canonical(str(s.get("entity"))) == canon:
                stance[info.source or "?"][day][str(s.get("label"))] += 1
    co = co_mentions(doc_entities, canon)
    return {
        "id": canon,
        "name": reg.names.get(canon, canon),
        "aliases": sorted({reg.names[m] for m in members} - {reg.names.get(canon, canon)}),
        "members": members,
        "posts": len(posts),
        "documents": posts,
        "mentions_per_day": dict(sorted(per_day.items())),
        "co_mentioned": [(reg.names.get(e, e), n) for e, n in co.most_common(30)],
        "stance": {ch: {day: dict(c) for day, c in days.items()} for ch, days in stance.items()},
        "log": [vars(o) for o in reg.log if canon in (o.a, o.b) or o.a in members or o.b in members],
    }


def claim(key: Annotated[str, typer.Argument(help="A claim: <document id>#<n> (as `sverka story` prints).")],
          db: Db = None, fmt: Fmt = "text") -> None:  # fmt: skip
    """One claim: who else asserts it, who contradicts it, where it was first seen."""
    linker = _linker(db)
    key = key.replace("#c", "#")  # the store's claim ids are <document id>#c<n>
    found = linker.claim(key)
    if found is None:
        raise _fail(f"no claim {key!r}; claims are <document id>#<n>, listed by `sverka story N`")
    links = [x for x in linker.claim_links if key in (x.a, x.b)]
    related = [x.a if x.b == key else x.b for x in links]
    first = min([key, *[r for r, x in zip(related, links, strict=True) if x.relation == "corroborate"]],
                key=lambda k: (linker.docs[k.rpartition("#")[0]].published or datetime.min, k))  # fmt: skip
    data = {"claim": key, "text": found.text, "source": found.source, "first_seen": first,
            "links": [vars(x) for x in links]}  # fmt: skip
    if fmt == "json":
        return _emit_json(data)
    out.print(f"[bold]{escape(key)}[/] ({escape(found.source or '')}): {escape(found.text)}")
    out.print(f"first seen: {first}")
    for x in links:
        other = x.a if x.b == key else x.b
        c = linker.claim(other)
        tag = "" if x.independent or x.relation == "contradict" else " (not independent)"
        source, text = (c.source or "", c.text) if c else ("", "")
        out.print(f"  {x.relation}{tag} {escape(other)} [{escape(source)}]: {escape(text)}")


def sources(
    db: Db = None,
    period: Annotated[str | None, typer.Option(help="day | week | month: one row per channel and period.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json | csv")] = "text",
) -> None:
    """Per channel: claims corroborated / contradicted / unconfirmed, insider/unsourced shares, originality."""
    from sverka.link.trackrecord import COLUMNS, track_record

    try:
        rows = track_record(_linker(db), period)
    except ValueError as exc:
        raise _fail(str(exc), 2) from exc
    if fmt == "json":
        return _emit_json(rows)
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(title="track record per channel", title_justify="left")
    for col in COLUMNS:
        table.add_column(col, justify="left" if col in ("channel", "period") else "right")
    for r in rows:
        table.add_row(*(escape("—" if r[c] is None else str(r[c])) for c in COLUMNS))
    out.print(table)


def graph(
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the graph.")],
    db: Db = None,
    fmt: Annotated[str, typer.Option("--format", help="gexf | graphml")] = "gexf",
    min_weight: Annotated[int, typer.Option(help="Leave out co-mention edges seen fewer times.")] = 1,
) -> None:
    """Entity co-mention and channel forward/copy graph, for Gephi."""
    import networkx as nx

    if fmt not in ("gexf", "graphml"):
        raise _fail(f"unknown --format {fmt!r}: use gexf or graphml", 2)
    g = link_graph(_linker(db), min_weight)
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(g, out_path)
    out.print(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {out_path}")


def link_graph(linker: Any, min_weight: int = 1) -> Any:
    import networkx as nx

    reg = linker.registry
    g = nx.Graph()
    pairs: Counter[tuple[str, str]] = Counter()
    for info in linker.docs.values():
        ids = sorted({reg.canonical(e) for e in info.entities})
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    for (a, b), n in pairs.items():
        if n >= min_weight:
            for e in (a, b):
                g.add_node(f"entity:{e}", label=reg.names.get(e, e), kind="entity", type=reg.types.get(e, ""))
            g.add_edge(f"entity:{a}", f"entity:{b}", weight=n, kind="co_mention")
    flows: Counter[tuple[str, str, str]] = Counter()
    for p in linker.dedup.pairs:
        a, b = linker.docs[p.a].source or "?", linker.docs[p.b].source or "?"
        if a != b:
            flows[(a, b, p.kind)] += 1
    for (a, b, kind), n in flows.items():
        for ch in (a, b):
            g.add_node(f"channel:{ch}", label=ch, kind="channel", type="")
        g.add_edge(f"channel:{a}", f"channel:{b}", weight=n, kind=kind)
    return g


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value).isoformat()[:10]
    except ValueError as exc:
        raise _fail(f"--since {value!r} is not an ISO date (use YYYY-MM-DD)", 2) from exc
