"""Post text as HTML with entities, times, claims and links highlighted in place, every piece escaped.

Annotations overlap (a mention inside a claim, a claim across a link): they are nested by closing
and reopening at each boundary, so the HTML stays well formed. Only http(s) URLs become links;
an anchor is never nested in another anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

LAYERS = {"claim": 0, "link": 1, "entity": 2, "time": 3}  # outer → inner when spans start together


@dataclass
class Span:
    start: int
    end: int
    kind: str  # claim | link | entity | time
    cls: str
    title: str
    href: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)

    def open(self, in_anchor: bool, first: bool) -> str:
        attrs = {"class": self.cls + ("" if first else " cont"), "title": self.title}
        attrs.update(self.attrs if first else {})
        tag = "a" if self.href and not in_anchor else ("mark" if self.kind in ("entity", "time") else "span")
        if tag == "a":
            attrs["href"] = self.href or ""
            if self.kind == "link":
                attrs["rel"] = "nofollow noopener noreferrer"
        body = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
        return f"<{tag} {body}>"

    def close(self, in_anchor: bool) -> str:
        if self.href and not in_anchor:
            return "</a>"
        return "</mark>" if self.kind in ("entity", "time") else "</span>"


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address without control characters, else None."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def token(value: Any) -> str:
    """A CSS class fragment from data: letters, digits and '-' only."""
    return re.sub(r"[^a-z0-9-]+", "-", str(value or "").lower()).strip("-") or "x"


def entity_href(kind: str, name: str) -> str:
    return "/entities/" + quote(f"{kind}:{name}", safe="")


def spans_of(analysis: dict[str, Any] | None, links: list[dict[str, Any]]) -> list[Span]:
    spans: list[Span] = []
    if analysis:
        spans += _entity_spans(analysis) + _time_spans(analysis) + _claim_spans(analysis)
    spans += _link_spans(links)
    return spans


def _entity_spans(analysis: dict[str, Any]) -> list[Span]:
    entities = {e["id"]: e for e in analysis.get("entities") or []}
    out = []
    for m in analysis.get("mentions") or []:
        ent = entities.get(m.get("entity", ""))
        name, kind = (ent["name"], ent["type"]) if ent else (m.get("normal") or m["text"], m["type"])
        roles = ", ".join(ent.get("roles") or []) if ent else ""
        title = " · ".join(x for x in (name, kind, roles, ent.get("country") if ent else None) if x)
        out.append(Span(m["start"], m["end"], "entity", f"ent ent-{token(kind)}", title, entity_href(kind, name),
                        {"data-entity": f"{kind}:{name}", "data-tip": title}))
    return out


def _time_spans(analysis: dict[str, Any]) -> list[Span]:
    out = []
    for x in analysis.get("times") or []:
        value = x.get("value")
        if isinstance(value, dict):
            value = f"{value.get('start')} … {value.get('end')}"
        title = f"{value or 'unresolved'} ({x.get('granularity') or '?'})"
        out.append(Span(x["start"], x["end"], "time", f"time gran-{token(x.get('granularity'))}", title,
                        attrs={"data-value": str(value or ""), "data-tip": f"«{x['text']}» → {title}"}))
    return out


def _claim_spans(analysis: dict[str, Any]) -> list[Span]:
    out = []
    for c in analysis.get("claims") or []:
        bits = [f"claim: {c.get('type') or '?'}", f"sourcing: {c.get('sourcing') or '?'}"]
        if c.get("speaker_name") or c.get("speaker"):
            bits.append(f"speaker: {c.get('speaker_name') or c.get('speaker')}")
        if c.get("insider"):
            bits.append("insider")
        if c.get("checkworthiness") is not None:
            bits.append(f"check-worthiness {c['checkworthiness']:.2f}")
        attrs = {"id": f"claim-{token(c.get('id'))}"} if c.get("id") else {}
        out.append(Span(c["start"], c["end"], "claim", f"claim claim-{token(c.get('type'))}", " · ".join(bits),
                        attrs=attrs))
    return out


def _link_spans(links: list[dict[str, Any]]) -> list[Span]:
    out = []
    for link in links:
        if link.get("start") is None or link.get("end") is None or link["kind"] not in ("text_link", "url", "link"):
            continue
        href = safe_href(link.get("target"))
        title = f"{link['kind']}: {link.get('target') or ''}" + ("" if href else " (not a web address: not linked)")
        out.append(Span(link["start"], link["end"], "link", "link" if href else "link unsafe", title, href))
    return out


def render(text: str, spans: list[Span]) -> Markup:
    """`text` with `spans` as nested, escaped HTML elements."""
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                   key=lambda s: (s.start, -s.end, LAYERS.get(s.kind, 9)))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[int] = set()
    todo = 0
    for i, pos in enumerate(cuts):
        if any(s.end == pos for s in stack):
            reopen = []
            while any(s.end == pos for s in stack):
                span = stack.pop()
                out.append(span.close(_in_anchor(stack)))
                if span.end > pos:
                    reopen.append(span)
            for span in reversed(reopen):
                out.append(span.open(_in_anchor(stack), first=False))
                stack.append(span)
        while todo < len(spans) and spans[todo].start == pos:
            span = spans[todo]
            out.append(span.open(_in_anchor(stack), first=id(span) not in opened))
            opened.add(id(span))
            stack.append(span)
            todo += 1
        if i + 1 < len(cuts):
            out.append(str(escape(text[pos:cuts[i + 1]])))
    return Markup("".join(out))


def _in_anchor(stack: list[Span]) -> bool:
    return any(s.href for s in stack)


def highlight(snippet: str, marks: list[list[int]]) -> Markup:
    """A search snippet with the matched words in <mark>."""
    out, pos = [], 0
    for start, end in sorted(marks):
        if start < pos or end > len(snippet):
            continue
        out += [str(escape(snippet[pos:start])), "<mark>", str(escape(snippet[start:end])), "</mark>"]
        pos = end
    out.append(str(escape(snippet[pos:])))
    return Markup("".join(out))
