"""The time grammar as parsers: one yargy parser per alternative, on pymorphy3 readings.

yargy's Earley parser predicts the whole grammar at every position; the stage instead tries each
alternative only where its first token fits, and stops a chart as soon as nothing is alive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from yargy import Parser, rule
from yargy.parser import Chart
from yargy.rule.bnf import is_rule
from yargy.tokenizer import MorphTokenizer

from sverka.nlp.morph import morph_analyzer, parses
from sverka.nlp.times.grammar import ALTERNATIVES, EDGE, PREP, PREPOSITION_WORDS, RANGE, Time, anchors
from sverka.nlp.times.words import lemmas


@dataclass
class _Form:
    normalized: str
    grams: frozenset[str]


class _Morph:
    """The slice of yargy's MorphAnalyzer interface its predicates use, over pymorphy3."""

    def __call__(self, word: str) -> list[_Form]:
        return _forms(word)

    def normalized(self, word: str) -> set[str]:
        return lemmas(word)

    def check_gram(self, gram: str) -> None:
        if not morph_analyzer().TagClass.grammeme_is_known(gram):
            raise ValueError(gram)


@lru_cache(maxsize=50_000)
def _forms(word: str) -> list[_Form]:
    return [_Form(p.normal_form.replace("ё", "е"), frozenset(p.tag.grammemes)) for p in parses(word)]


@dataclass
class SubParser:
    """One alternative of the grammar with the predicates its first token must pass.

    Earley predicts the whole grammar at every start; trying only the alternatives whose first
    token fits keeps each parse a few dozen states (about ten times faster than one big parser).
    """

    parser: Parser
    first: list[Any]  # of the alternative itself, without the optional leading preposition
    anchors: frozenset[str] | None  # one of these is in any match (time_grammar.anchors)
    seen: dict[str, bool] = field(default_factory=dict)  # predicates read only the token's text

    def can_start(self, tokens: list[Any], near: set[str]) -> bool:
        """`near`: the normal forms of the first few tokens (see `near_words`)."""
        if self.anchors is not None and not self.anchors & near:
            return False
        if self._accepts(tokens[0]):
            return True
        return len(tokens) > 1 and tokens[0].value.lower() in PREPOSITION_WORDS and self._accepts(tokens[1])

    def _accepts(self, token: Any) -> bool:
        if token.value not in self.seen:
            self.seen[token.value] = any(predicate(token) for predicate in self.first)
        return self.seen[token.value]

    def matches(self, tokens: list[Any]) -> list[Any]:
        """Completed parses starting at the first token (yargy's chart, stopped once nothing is alive)."""
        chart = Chart(tokens)
        for column, next_column in chart:
            if column.first:
                self.parser.predict(column, next_column, self.parser.rule)
            elif not column.states:
                break
            for state in column:
                if state.completed:
                    self.parser.complete(column, state)
                elif is_rule(state.next_term):
                    self.parser.predict(column, next_column, state.next_term)
                elif next_column:
                    self.parser.scan(next_column, state.next_term, state)
        return list(chart.matches(self.parser.rule))


@cache
def tokenizer() -> MorphTokenizer:
    return MorphTokenizer(morph=_Morph())


@cache
def parsers() -> tuple[SubParser, ...]:
    """Built once per process: building the grammar's tables is the slow part."""
    built = []
    for alternative, anchor in zip(ALTERNATIVES, anchors(), strict=True):
        # A leading preposition is matched (so «в 1970-х годах» beats «в 1970») and cut off later.
        inner = alternative.interpretation(Time.fact)
        prefixed = rule(inner) if alternative in (EDGE, RANGE) else rule(PREP.optional(), inner)
        parser = Parser(prefixed.interpretation(Time), tokenizer=tokenizer())
        inner_rule = parser.rule.productions[0].terms[-1]
        first = list({id(p): p for p in _first(inner_rule, set())[0]}.values())
        built.append(SubParser(parser, first, frozenset(anchor) if anchor is not None else None))
    return tuple(built)


def _first(item: Any, seen: set[int]) -> tuple[list[Any], bool]:
    """FIRST set of a BNF rule: the predicates a first token can meet, and whether it can be empty."""
    if not is_rule(item):
        return [item], False
    if id(item) in seen:
        return [], False
    seen.add(id(item))
    found: list[Any] = []
    nullable = False
    for production in item.productions:
        predicates, empty = _first_of(production.terms, seen)
        found.extend(predicates)
        nullable = nullable or empty
    return found, nullable


def _first_of(terms: list[Any], seen: set[int]) -> tuple[list[Any], bool]:
    found: list[Any] = []
    for term in terms:
        predicates, empty = _first(term, seen)
        found.extend(predicates)
        if not empty:
            return found, False
    return found, True


NEAR = 8  # tokens from the start in which an anchor must be


def near_words(tokens: list[Any]) -> set[str]:
    found: set[str] = set()
    for token in tokens[:NEAR]:
        value = token.value.lower()
        found.add(value)
        if value.isdecimal() and value.isascii() and 1000 <= int(value) <= 2100:
            found.add("<year>")
        found.update(form.normalized for form in getattr(token, "forms", ()))
    return found
