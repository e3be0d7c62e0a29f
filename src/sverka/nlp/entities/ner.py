"""Named-entity mentions from slovnet's news NER (PER, LOC, ORG).

The tagger reads runs of whole sentences up to CHUNK_CHARS long: a post is usually one run (as
bare Natasha reads it), a long article several, so memory stays bounded whatever the length.
Runs go to the tagger sorted by length, since a batch is padded to its longest member.
"""

from __future__ import annotations

from sverka.doc import Analysis, Mention, Sent
from sverka.nlp.models import ner_tagger
from sverka.nlp.symbols import mask_symbols

CHUNK_CHARS = 4000


def tag_ner_docs(analyses: list[Analysis]) -> None:
    """Tag several documents in one batched pass."""
    masked = {id(a): mask_symbols(a.text) for a in analyses}  # "❗️Источник" → "  Источник"
    jobs = [(a, start, end) for a in analyses for start, end in sentence_runs(a.sents)]
    jobs.sort(key=lambda job: job[2] - job[1])
    markups = ner_tagger().map([masked[id(a)][start:end] for a, start, end in jobs])
    for (analysis, start, _), markup in zip(jobs, markups, strict=True):
        for span in markup.spans:
            s, e = start + span.start, start + span.stop
            analysis.mentions.append(Mention(s, e, analysis.text[s:e], span.type))
    for analysis in analyses:
        analysis.mentions.sort(key=lambda m: m.start)


def sentence_runs(sents: list[Sent]) -> list[tuple[int, int]]:
    """(start, end) of consecutive sentences, each run at most CHUNK_CHARS long (or one long sentence)."""
    runs: list[tuple[int, int]] = []
    for sent in sents:
        if runs and sent.end - runs[-1][0] <= CHUNK_CHARS:
            runs[-1] = (runs[-1][0], sent.end)
        else:
            runs.append((sent.start, sent.end))
    return runs


def tag_ner_doc(analysis: Analysis) -> None:
    tag_ner_docs([analysis])
