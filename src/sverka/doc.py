"""The document model: plain dataclasses shared by every stage, reader and store.

Every extracted item keeps `start`/`end` character offsets into `Document.text`
(Python `str` indices, end exclusive), so `text[start:end]` is what a user checks by eye.
`Analysis.to_dict()` is the JSON contract documented in docs/schema.md; `from_dict()`
reads it back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

TimeValue = str | dict[str, str] | None


@dataclass
class Document:
    """One post or article as read from a source, before analysis."""

    id: str
    text: str
    published: datetime | None = None  # timezone-aware when the zone is known
    source: str | None = None  # channel or outlet name
    url: str | None = None
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        published = data.get("published")
        if isinstance(published, str):
            published = datetime.fromisoformat(published)
        return cls(
            id=str(data["id"]),
            text=data["text"],
            published=published,
            source=data.get("source"),
            url=data.get("url"),
            lang=data.get("lang"),
            meta=dict(data.get("meta") or {}),
        )


@dataclass
class Token:
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    feats: dict[str, str] = field(default_factory=dict)
    # Filled by the syntax stage only: 1-based ids within the sentence, head 0 = root.
    id: int = 0
    head: int = 0
    rel: str = ""


@dataclass
class Sent:
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A surface form of a named thing: a name, a demonym adjective, an abbreviation."""

    start: int
    end: int
    text: str
    type: str  # PER | LOC | ORG
    entity: str = ""  # id of the Entity it refers to
    normal: str = ""  # nominative form of this mention alone
    source: str = "ner"  # ner | gazetteer | demonym | merge


@dataclass
class Entity:
    """One referent in a document: all its mentions under the fullest nominative name."""

    id: str
    name: str
    type: str  # PER | LOC | ORG
    country: str | None = None  # ISO 3166-1 alpha-2, for countries and national bodies
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None  # country, region, bloc, city, ... from the gazetteer


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    value: TimeValue  # "YYYY-MM-DD" | {"start", "end"} | None (vague or unresolved)
    granularity: str  # day | week | weekend | month | season | quarter | year | decade | range | vague | ...


@dataclass
class Problem:
    """Something that went wrong in one stage on one document; the stream goes on."""

    stage: str
    message: str


@dataclass
class Analysis:
    """Everything sverka extracted from one document."""

    id: str
    text: str
    published: datetime | None = None
    lang: str = "ru"
    lang_supported: bool = True
    source: str | None = None
    url: str | None = None
    links: list[dict[str, Any]] = field(default_factory=list)  # the source's links (Document.meta["links"])
    sents: list[Sent] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    # Filled by later stages (claims, stance, signals); plain dicts keep the contract open.
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    sentiment: list[dict[str, Any]] = field(default_factory=list)
    signals: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self, tokens: bool = False) -> dict[str, Any]:
        """The JSON contract. Tokens are large and left out unless asked for."""
        data: dict[str, Any] = {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "lang": self.lang,
            "lang_supported": self.lang_supported,
            "source": self.source,
            "url": self.url,
            "links": self.links,
            "text": self.text,
            "entities": [asdict(e) for e in self.entities],
            "mentions": [asdict(m) for m in self.mentions],
            "times": [asdict(t) for t in self.times],
            "claims": self.claims,
            "events": self.events,
            "sentiment": self.sentiment,
            "signals": self.signals,
            "problems": [asdict(p) for p in self.problems],
        }
        data["sents"] = [
            {"start": s.start, "end": s.end, **({"tokens": [asdict(t) for t in s.tokens]} if tokens else {})}
            for s in self.sents
        ]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        published = data.get("published")
        text = data.get("text", "")
        return cls(
            id=data["id"],
            text=text,
            published=datetime.fromisoformat(published) if published else None,
            lang=data.get("lang", "ru"),
            lang_supported=data.get("lang_supported", True),
            source=data.get("source"),
            url=data.get("url"),
            links=list(data.get("links") or []),
            sents=[_sent_from_dict(s, text) for s in data.get("sents", [])],
            mentions=[_build(Mention, m) for m in data.get("mentions", [])],
            entities=[_entity_from_dict(e) for e in data.get("entities", [])],
            times=[_build(TimeExpr, t) for t in data.get("times", [])],
            claims=list(data.get("claims", [])),
            events=list(data.get("events", [])),
            sentiment=list(data.get("sentiment", [])),
            signals=list(data.get("signals", [])),
            problems=[_build(Problem, p) for p in data.get("problems", [])],
        )


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def _entity_from_dict(data: dict[str, Any]) -> Entity:
    entity: Entity = _build(Entity, data)
    entity.mentions = [_build(Span, m) for m in data.get("mentions", [])]
    return entity


def _sent_from_dict(data: dict[str, Any], text: str) -> Sent:
    start, end = data["start"], data["end"]
    tokens = [_build(Token, t) for t in data.get("tokens", [])]
    return Sent(start=start, end=end, text=text[start:end], tokens=tokens)
