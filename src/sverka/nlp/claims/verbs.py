"""Speech-verb frames: "заявил Лавров", "заявили в МИД", "как настаивает Путин", "…, сообщила пресс-служба X".

The outermost frame wins (a trailing "…, заявил X", then the root); a verb frames speech only when
it reports a clause, a quote or a colon where its meaning needs one, and only when its subject can
speak (no "о чём говорит ситуация", no relative "кто считает", no first-person channel voice).
"""

from __future__ import annotations

import re

from sverka.doc import Token
from sverka.nlp.claims.lexicon import lexicon
from sverka.nlp.claims.spans import NP_SKIP, QUOTES, Frame, in_quotes, span_head
from sverka.nlp.claims.units import Unit


def verb_frame(unit: Unit) -> Frame | None:
    speech = lexicon().speech_verbs
    cands = [t for t in unit.tokens if t.lemma in speech and _is_frame_verb(unit, t)]
    if not cands:
        return None
    cands.sort(key=lambda t: (_verb_rank(unit, t), t.start))
    cands = [t for t in cands if not _first_person(t) and _plausible_speaker(unit, t)]
    if not cands:
        return None
    verb = cands[0]
    passive = verb.pos == "PRTS" and verb.lemma not in OPINION_ADJECTIVES  # "было заявлено": no speaker
    speaker = None if passive else _verb_speaker(unit, verb)
    frame = Frame("verb", verb.text, verb.start, verb.end, register=speech[verb.lemma], cue_token=verb)
    if speaker is not None:
        toks = _np_tokens(unit, speaker)
        frame.speaker_start, frame.speaker_end = toks[0].start, toks[-1].end
        frame.speaker_head = span_head(unit, toks[0].start, toks[-1].end) or speaker
        frame.start, frame.end = min(verb.start, toks[0].start), max(verb.end, toks[-1].end)
    return frame


# Verbs that report speech only with a clause, a colon or a quote ("заметил, что"; not "заметили дрон").
NEEDS_CLAUSE = {
    "заметить", "замечать", "потребовать", "требовать", "назвать", "называть", "привести", "приводить",
    "признать", "признавать", "призвать", "призывать", "определить", "обратить", "обращать", "выступить",
    "продолжить", "ответить", "отвечать", "подтвердить", "подтверждать", "указать", "указывать", "вспомнить",
    "вспоминать", "понять", "передать", "передавать", "написать", "писать", "обещать", "пообещать",
}


PASSIVE_SPEECH = {"заявить", "сообщить"}  # "было заявлено, что"; not "тревога объявлена"
# "эксперт уверен, что", "в Кремле уверены, что" (pymorphy reads «уверены» as either); not "уверен в победе"
OPINION_ADJECTIVES = {"уверенный", "убеждённый", "убежденный", "уверить", "убедить"}


def _is_frame_verb(unit: Unit, verb: Token) -> bool:
    if verb.pos not in ("VERB", "INFN", "GRND", "PRTS", "ADJS") or in_quotes(unit, verb):
        return False
    if verb.pos == "ADJS" or (verb.pos == "PRTS" and verb.lemma in OPINION_ADJECTIVES):
        return verb.lemma in OPINION_ADJECTIVES and _has_clause(unit, verb)
    if verb.pos == "PRTS" and verb.lemma not in PASSIVE_SPEECH:
        return False
    if verb.lemma == "понять":
        head = unit.head(verb)
        return head is not None and head.lemma == "дать" and _has_clause(unit, verb)
    if verb.pos == "INFN":
        return False  # "хотят признать …", "не может подтвердить": no one speaks
    if verb.lemma == "определить":
        return bool(re.search(r"определил\w* позици", unit.text))
    if verb.lemma in ("обратить", "обращать"):
        return "внимание" in unit.text
    return verb.lemma not in NEEDS_CLAUSE or _has_clause(unit, verb)


def _first_person(verb: Token) -> bool:
    """"Рассказываем, …", "сообщаем": the channel's own voice, not a source."""
    from sverka.nlp.models import morph_analyzer

    return verb.pos == "VERB" and "1per" in morph_analyzer().parse(verb.text)[0].tag


# Organisations that speak although their nouns are inanimate.
SPEAKING_BODIES = {
    "правительство", "администрация", "парламент", "кабмин", "кабинет", "мэрия", "полиция", "армия", "командование",
    "штаб", "посольство", "руководство", "сторона", "канцелярия", "ведомство", "министерство", "издание", "агентство",
    "газета", "телеканал", "телекомпания", "компания", "служба", "спецслужба", "пресс-служба", "прокуратура", "суд",
    "сми", "власть", "оппозиция", "партия", "профсоюз", "банк", "комитет", "комиссия", "совет", "союз", "центр",
    "фонд", "организация", "миссия", "делегация", "статья", "сообщение", "заявление", "доклад", "отчёт", "отчет",
    "исследование", "документ", "пост", "источник", "собеседник", "опрос", "сводка", "канал", "телеграм-канал",
    "разведка", "сила", "войско", "флот", "управление", "департамент", "инспекция", "надзор", "бюро", "палата",
    "дума", "сенат", "офис", "аппарат", "секретариат", "генштаб", "следствие", "ассоциация", "группа", "группировка",
    "движение", "платформа", "сервис", "сайт", "журнал", "радиостанция", "радио", "портал", "университет", "академия",
}


RELATIVES = {"кто", "который", "что", "это", "то"}


def _plausible_speaker(unit: Unit, verb: Token) -> bool:
    """No frame when the subject cannot speak: "о чём говорит ситуация", "доля тех, кто считает"."""
    subj = _verb_speaker(unit, verb)
    if subj is None:
        return True
    if subj.lemma in RELATIVES:
        return False
    named = any(a <= subj.start and subj.end <= b for a, b, _ in unit.names) or subj.text.isupper()
    # unnamed sources speak too: «источник», «в окружении Токаева уверены»
    if named or subj.pos not in ("NOUN",) or subj.lemma in SPEAKING_BODIES or subj.lemma in lexicon().anonymous:
        return True
    from sverka.nlp.models import morph_analyzer

    parse = morph_analyzer().parse(subj.text)[0]
    proper = {"Abbr", "Orgn", "Geox", "Name", "Surn"} & parse.tag.grammemes
    if subj.text[:1].isupper() and (subj.start > unit.start or proper):
        return True  # a capitalised name the NER missed
    return "inan" not in parse.tag  # "о чём говорит ситуация": a thing does not speak


def _has_clause(unit: Unit, verb: Token) -> bool:
    """A reported clause, quote or colon after the verb, or the verb after a quote and a dash."""
    rel = verb.start - unit.start
    before, after = unit.text[:rel], unit.text[verb.end - unit.start :]
    if re.search(r"(^|,\s*)как\s+$", before, re.IGNORECASE):
        return True  # "Как пишут СМИ, …"
    if re.search(r"[—–-]\s*$", before) or re.match(r"[^,.]{0,60}?(:|,?\s*что\b)", after):
        return True
    if verb.lemma in ("назвать", "называть"):
        return False  # "назвали «кукурузником»" is naming, not reporting
    if re.match(r"\s*«", after):
        return True  # "заявил «…»"
    if re.search(r",\s*(?:как\s+)?$", before) and unit.text[:rel].count(" ") > 3:
        return True  # "…, пишет издание" / "…, как пишет издание"
    return any(c.rel in ("ccomp", "parataxis", "xcomp") for c in unit.children(verb))


def _verb_rank(unit: Unit, verb: Token) -> tuple[int, int]:
    """Outermost frame first: a trailing "…, заявил X", then the root, then the rest."""
    rel = verb.start - unit.start
    trailing = bool(re.search(r",\s*(?:[—–-]\s*)?(?:как\s+)?$", unit.text[:rel])) and rel > len(unit.text) / 3
    opening = bool(re.match(r"\s*как\s+$", unit.text[:rel], re.IGNORECASE))
    subj = _verb_speaker(unit, verb) is not None
    return (0 if trailing or opening else 1 if verb.rel == "root" else 2), (0 if subj else 1)


def _verb_speaker(unit: Unit, verb: Token) -> Token | None:
    """The speaker of a speech verb: its subject, the subject of the verb it hangs on, or "в X"."""
    head = unit.head(verb)
    if verb.pos in ("GRND", "INFN") and head is not None:
        for t in unit.children(head, ("nsubj",)):
            return t
    subjects = unit.children(verb, ("nsubj",))
    nominal = [t for t in subjects if t.pos in ("NOUN", "NPRO") or t.text[:1].isupper()]
    later = [t for t in nominal if t.start > verb.start]
    if later:
        return later[0]
    if _trailing(unit, verb):
        after = _postposed_head(unit, verb)
        if after is not None:
            return after
    after = _postposed_name(unit, verb)
    if after is not None and not any(_is_name(t) for t in nominal):
        return after
    if nominal or subjects:
        return (nominal or subjects)[0]
    if verb.lemma in ("цитировать", "процитировать"):
        for t in unit.children(verb, ("obj",)):
            return t
    for t in unit.children(verb, ("obl",)):
        case = [c.lemma for c in unit.children(t, ("case",))]
        if case and case[0] == "в" and (t.lemma in _SPEAKER_PLACES or t.text[:1].isupper()):
            return t
    return None


def _trailing(unit: Unit, verb: Token) -> bool:
    rel = verb.start - unit.start
    return bool(re.search(r",\s*(?:[—–-]\s*)?$", unit.text[:rel])) and rel > len(unit.text) / 3


def _postposed_head(unit: Unit, verb: Token) -> Token | None:
    """"…, сообщила пресс-служба Курского суда": the noun group after a trailing verb."""
    m = re.match(r"\s*([^,;:(]+)", unit.text[verb.end - unit.start :])
    if not m:
        return None
    a = verb.end + m.start(1)
    return span_head(unit, a, verb.end + m.end(1))


def _is_name(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _postposed_name(unit: Unit, verb: Token) -> Token | None:
    """"… заявил глава МИД Сергей Лавров": a capitalised name right after the verb, before a comma."""
    toks = [t for t in unit.tokens if t.start > verb.start]
    for t in toks[:6]:
        if t.pos == "PUNCT" or t.text.lower() in ("что", "о", "об"):
            return None
        if _is_name(t) and t.pos in ("NOUN",) and t.rel in ("nsubj", "flat:name", "appos", "nmod"):
            head = t
            while head.rel in ("flat:name", "appos", "flat") and (up := unit.head(head)) is not None:
                head = up
            return head if head.start > verb.start else t
    return None


# "заявили в МИД", "говорится в сообщении пресс-службы": the place that speaks
_SPEAKER_PLACES = {
    "прокуратура", "ведомство", "министерство", "компания", "пресс-служба", "сообщение", "заявление",
    "правительство", "администрация", "посольство", "кремль", "мид", "минобороны", "штаб", "статья",
    "документ", "окружение", "нацавтосоюз", "суд", "зверинец", "избирком",
}


def _np_tokens(unit: Unit, head: Token) -> list[Token]:
    toks = [t for t in unit.subtree(head, skip=NP_SKIP) if unit.inside(t.start, t.end)]
    # cut at the first comma or quote-closing punctuation after the head
    out = []
    for t in toks:
        if t.start > head.start and t.text in (",", "—", ":", ";"):
            break
        out.append(t)
    return [t for t in out if t.pos != "PUNCT" or t.text in QUOTES] or [head]
