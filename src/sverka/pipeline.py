"""The analysis pipeline: named stages in order, batched over documents.

A stage is a function over one `Analysis` (or, for batched model calls, over a list).
An exception in one stage on one document becomes a `Problem` on that document and the
other documents and stages go on.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import islice

from sverka.doc import Analysis, Document, Problem

MOSCOW = timezone(timedelta(hours=3), "MSK")


@dataclass(frozen=True)
class Stage:
    name: str
    target: str  # "module:function"
    batched: bool = False  # the function takes a list of analyses
    needs: tuple[str, ...] = ()
    russian_only: bool = False  # skipped for documents in another language

    def load(self) -> Callable:
        module, func = self.target.split(":")
        return getattr(importlib.import_module(module), func)


# Registered in order; every stage after "segment" sees the sentences and tokens.
STAGES: tuple[Stage, ...] = (
    Stage("lang", "sverka.nlp.lang:detect_lang_doc"),
    Stage("segment", "sverka.nlp.segment:segment_doc", needs=("lang",)),
    Stage("morph", "sverka.nlp.morph:tag_morph_doc", needs=("segment",)),
    Stage("ner", "sverka.nlp.entities.ner:tag_ner_docs", batched=True, needs=("segment",)),
    Stage("entities", "sverka.nlp.entities.build:canonize_entities_doc", needs=("ner", "morph")),
    Stage("times", "sverka.nlp.times.stage:resolve_times_doc", needs=("morph",), russian_only=True),
    Stage("syntax", "sverka.nlp.syntax:parse_syntax_docs", batched=True, needs=("segment",)),
    Stage(
        "claims", "sverka.nlp.claims.stage:extract_claims_doc", needs=("entities", "times", "syntax"), russian_only=True
    ),
    Stage("events", "sverka.nlp.claims.events:extract_events_doc", needs=("claims",), russian_only=True),
    Stage("signals", "sverka.nlp.claims.signals:compute_signals_doc", needs=("claims",), russian_only=True),
    Stage("stance", "sverka.nlp.stance.stage:score_stance_doc", needs=("entities", "syntax"), russian_only=True),
    # Later stages register here: claims, events, signals (nlp/claims.py ...), stance (nlp/stance.py).
)
FOUNDATION = ("lang", "segment", "morph", "ner", "entities", "times")


def stage_names() -> list[str]:
    return [s.name for s in STAGES]


class Pipeline:
    def __init__(self, stages: Iterable[str] | None = None) -> None:
        wanted = set(stages) if stages is not None else set(stage_names())
        unknown = wanted - set(stage_names())
        if unknown:
            raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}; known: {', '.join(stage_names())}")
        closure = _with_needs(wanted)
        self.stages = [s for s in STAGES if s.name in closure]
        self._funcs: dict[str, Callable] = {}
        self.seconds: dict[str, float] = dict.fromkeys((s.name for s in self.stages), 0.0)  # per stage, for benchmarks

    def func(self, stage: Stage) -> Callable:
        if stage.name not in self._funcs:
            self._funcs[stage.name] = stage.load()
        return self._funcs[stage.name]

    def __call__(self, doc: Document) -> Analysis:
        return self.run([doc])[0]

    def run(self, docs: list[Document]) -> list[Analysis]:
        analyses = [start_analysis(d) for d in docs]
        for stage in self.stages:
            func = self.func(stage)
            todo = [a for a in analyses if not (stage.russian_only and not a.lang_supported)]
            started = time.perf_counter()
            _run_stage(func, stage, todo)
            self.seconds[stage.name] += time.perf_counter() - started
        return analyses

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Analysis]:
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            yield from self.run(batch)


def _run_stage(func: Callable, stage: Stage, todo: list[Analysis]) -> None:
    if stage.batched:
        try:
            func(todo)
            return
        except Exception:  # fall back to one by one to find the document that broke it
            pass
        for a in todo:
            _guarded(func, stage.name, a, batched=True)
    else:
        for a in todo:
            _guarded(func, stage.name, a, batched=False)


def _guarded(func: Callable, name: str, analysis: Analysis, batched: bool) -> None:
    try:
        func([analysis]) if batched else func(analysis)
    except Exception as exc:  # one bad document must not stop the stream
        analysis.problems.append(Problem(stage=name, message=f"{type(exc).__name__}: {exc}"))


def _with_needs(names: set[str]) -> set[str]:
    by_name = {s.name: s for s in STAGES}
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(by_name[name].needs)
    return seen


def to_moscow(published: datetime | None) -> datetime | None:
    """Naive times are taken as Moscow time, the zone of the channels this tool reads."""
    if published is None:
        return None
    if published.tzinfo is None:
        return published.replace(tzinfo=MOSCOW)
    return published


def publication_date(published: datetime | None) -> date | None:
    """P of the time conventions: the publication day, in Moscow time unless another zone is given.

    UTC (what Telegram and most feeds store) says nothing of the channel's zone, so it is
    converted to Moscow time; an explicit other offset (+05:00) is kept.
    """
    if published is None:
        return None
    if published.tzinfo is None:
        return published.date()
    if published.utcoffset() == timedelta(0):
        return published.astimezone(MOSCOW).date()
    return published.date()


def start_analysis(doc: Document) -> Analysis:
    return Analysis(
        id=doc.id,
        text=doc.text,
        published=to_moscow(doc.published),
        lang=doc.lang or "ru",
        source=doc.source,
        url=doc.url,
        links=list(doc.meta.get("links") or []),
    )
