"""The signals stage: document-level credibility signals, each with evidence, never a verdict.

Signals: share of unsourced and of insider claims; anonymous sourcing; appeals to unnamed common
knowledge; the channel's authorial «мы»; loaded vocabulary; links present or absent (a bare
«ИСТОЧНИК» label whose address is not in the text); hedges against certainty markers.
"""

from __future__ import annotations

import re
from typing import Any

from sverka.doc import Analysis
from sverka.nlp.claims.frames import quoted_ranges
from sverka.nlp.claims.lexicon import find_phrases, lexicon

MAX_EVIDENCE = 12
WE = re.compile(r"(?<!\w)(мы|нас|нам|нами|наш|наша|наше|наши|нашего|нашей|нашим|наших|нашу)(?!\w)", re.IGNORECASE)
URL = re.compile(r"https?://\S+|(?<!\w)(?:t\.me|bit\.ly|bbc\.in)/\S+")
LINK_LABEL = re.compile(r"(?m)^[\W_]*(источник|подробнее|ссылка|читать (?:полностью|далее))[\W_]*$", re.IGNORECASE)


def compute_signals_doc(analysis: Analysis, links: list[Any] | None = None) -> None:
    """The pipeline stage: the links are the document's own (`Analysis.links`) unless given."""
    analysis.signals = compute_signals(analysis, links if links is not None else analysis.links or None)


def compute_signals(analysis: Analysis, links: list[Any] | None = None) -> list[dict[str, Any]]:
    """`links`: the document's link entities (Document.meta["links"]) or bare URLs, when known."""
    return [
        *_claim_shares(analysis),
        _anonymous(analysis),
        _lexical(analysis, "common_knowledge", lexicon().common_knowledge, False,
                 "appeals to unnamed common knowledge (everyone knows …) instead of a source"),
        _we(analysis),
        _lexical(analysis, "loaded_vocabulary", lexicon().loaded, True, "loaded or evaluative words"),
        _links(analysis, links),
        _hedges(analysis),
    ]


def _ev(analysis: Analysis, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": analysis.text[start:end]}


def _signal(name: str, value: Any, explanation: str, evidence: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": name, "value": value, "explanation": explanation, "evidence": evidence[:MAX_EVIDENCE]}


def _claim_shares(analysis: Analysis) -> list[dict[str, Any]]:
    claims = analysis.claims
    n = len(claims)
    unsourced = [c for c in claims if c.get("sourcing") == "none" and c.get("type") != "opinion"]
    insider = [c for c in claims if c.get("insider")]

    def share(xs: list) -> float:
        return round(len(xs) / n, 2) if n else 0.0

    return [
        _signal("unsourced_claims", share(unsourced),
                f"{len(unsourced)} of {n} claims assert a fact, statement or forecast with no source given",
                [_ev(analysis, c["start"], c["end"]) for c in unsourced]),
        _signal("insider_claims", share(insider),
                f"{len(insider)} of {n} claims tell of closed-door events, private words or intentions "
                "without a named source", [_ev(analysis, c["start"], c["end"]) for c in insider]),
    ]


def _anonymous(analysis: Analysis) -> dict[str, Any]:
    anon = [c for c in analysis.claims if c.get("sourcing") == "anonymous"]
    evidence = []
    for c in anon:
        words = c.get("source_text") or ""
        at = analysis.text.find(words, c["start"]) if words else -1
        evidence.append(_ev(analysis, at, at + len(words)) if at >= 0 else _ev(analysis, c["start"], c["end"]))
    return _signal("anonymous_sourcing", len(anon), f"{len(anon)} claims rest on unnamed sources", evidence)


def _outside_quotes(analysis: Analysis, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    quoted = quoted_ranges(analysis.text)
    return [h for h in hits if not any(a < h[0] < b for a, b in quoted)]


def _lexical(analysis: Analysis, name: str, words: tuple[str, ...], stems: bool, what: str) -> dict[str, Any]:
    hits = _outside_quotes(analysis, find_phrases(analysis.text, words, stems=stems))
    return _signal(name, len(hits), f"{len(hits)} {what}", [_ev(analysis, a, b) for a, b, _ in hits])


def _we(analysis: Analysis) -> dict[str, Any]:
    hits = _outside_quotes(analysis, [(m.start(), m.end(), m.group(0)) for m in WE.finditer(analysis.text)])
    return _signal("authorial_we", len(hits),
                   f"{len(hits)} uses of «мы/наш» in the author's voice (a channel speaking as a group)",
                   [_ev(analysis, a, b) for a, b, _ in hits])


def _links(analysis: Analysis, links: list[Any] | None) -> dict[str, Any]:
    urls = [_ev(analysis, m.start(), m.end()) for m in URL.finditer(analysis.text)]
    given = [lk for lk in (links or []) if (lk.get("url") if isinstance(lk, dict) else lk)]
    labels = [_ev(analysis, m.start(1), m.end(1)) for m in LINK_LABEL.finditer(analysis.text)]
    if urls or given:
        n = len(urls) + len(given)
        return _signal("links", "present", f"{n} link(s) to outside material", urls + labels)
    if labels:
        return _signal("links", "label_without_address",
                       "a link label (e.g. «ИСТОЧНИК») with no address in the text: the source cannot be checked "
                       "from the text alone", labels)
    return _signal("links", "absent", "no links to outside material", [])


def _hedges(analysis: Analysis) -> dict[str, Any]:
    lex = lexicon()
    hedges = _outside_quotes(analysis, find_phrases(analysis.text, lex.hedges))
    certain = _outside_quotes(analysis, find_phrases(analysis.text, lex.certainty))
    return _signal("hedges_vs_certainty", {"hedges": len(hedges), "certainty": len(certain)},
                   f"{len(hedges)} hedges (возможно, якобы …) against {len(certain)} certainty markers "
                   "(безусловно, явно …)", [_ev(analysis, a, b) for a, b, _ in sorted(hedges + certain)])
