"""Named-entity mentions from slovnet's news NER (PER, LOC, ORG), per sentence."""

from __future__ import annotations

from ..doc import Analysis, Mention
from .models import ner_tagger


def tag_ner_docs(analyses: list[Analysis]) -> None:
    """Tag all sentences of several documents in one batched pass."""
    jobs = [(a, s) for a in analyses for s in a.sents]
    markups = ner_tagger().map([s.text for _, s in jobs])
    for (analysis, sent), markup in zip(jobs, markups, strict=True):
        for span in markup.spans:
            start, end = sent.start + span.start, sent.start + span.stop
            analysis.mentions.append(Mention(start, end, analysis.text[start:end], span.type))


def tag_ner_doc(analysis: Analysis) -> None:
    tag_ner_docs([analysis])
