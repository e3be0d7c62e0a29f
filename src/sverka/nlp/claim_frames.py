"""Attribution frames: who a clause is attributed to and in which words.

Five shapes, tried in order: a phrase (по словам X, по данным X, согласно X), a speech verb with
its subject or a "в X" place (заявил Лавров, заявили в МИД, как настаивает Путин), a trailing dash
(…, — Reuters), a heading colon (Минобороны России: …), and the channel's own voice (по данным
SHOT, как стало известно SHOT, по нашей информации), which names no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..doc import Token
from .claim_lexicon import lexicon
from .claim_units import Unit

VERBAL = ("VERB", "INFN", "GRND", "PRTS", "PRTF")
NP_SKIP = ("acl", "acl:relcl", "punct", "parataxis", "ccomp", "conj", "cc", "advcl", "xcomp", "csubj")
QUOTES = "«»\"“”„"


@dataclass
class Frame:
    kind: str  # phrase | verb | dash | colon | own | document | known
    cue: str  # the cue words as written (заявил, по словам, —)
    start: int  # the attribution words: source_text = text[start:end]
    end: int
    register: str = "public"  # public | private | opinion (from the speech-verb lexicon)
    speaker_start: int | None = None  # the speaker noun group, when the frame has one
    speaker_end: int | None = None
    speaker_head: Token | None = None
    cue_token: Token | None = None


def find_frame(unit: Unit, channel: str | None = None) -> Frame | None:
    """The attribution frame of a unit, or None when the author asserts it."""
    phrase = _phrase_frame(unit, channel)
    if phrase is not None and phrase.kind != "document":
        return phrase
    return (
        _known_frame(unit, channel)
        or _colon_frame(unit)
        or _dash_frame(unit)
        or _own_voice(_verb_frame(unit), unit, channel)
        or phrase  # "согласно законопроекту": a document, only when no one is quoted
    )


def _own_voice(frame: Frame | None, unit: Unit, channel: str | None) -> Frame | None:
    """"SHOT рассказывает, …": the channel speaking as itself is the author, not a source."""
    if frame is None or frame.speaker_start is None or frame.speaker_end is None:
        return frame
    who = unit.text[frame.speaker_start - unit.start : frame.speaker_end - unit.start]
    return None if _is_channel(who, channel) else frame


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (relative to text) inside «…» and "…" pairs."""
    ranges, depth, open_at = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                ranges.append((open_at, i + 1))
    for m in re.finditer(r"[\"“„]([^\"“”„]*)[\"”“]", text):
        ranges.append((m.start(), m.end()))
    return ranges


def _in_quotes(unit: Unit, tok: Token) -> bool:
    rel = tok.start - unit.start
    if re.search(r"[,.!?…]\s*[—–-]\s*$", unit.text[max(0, rel - 4) : rel]):
        return False  # «…, — сказал он. — …»: the frame inside an interrupted quote
    return any(a < rel < b for a, b in quoted_ranges(unit.text))


def _phrase_frame(unit: Unit, channel: str | None) -> Frame | None:
    low = unit.text.lower()
    best = None
    for phrase, kind in lexicon().frame_phrases.items():
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            if best is None or m.start() < best[0].start():
                best = (m, kind)
    m_pro = re.search(r"(?<!\w)(по|со) (его|её|ее|их) (словам|мнению|данным|информации|оценке)(?!\w)", low)
    if m_pro and (best is None or m_pro.start() <= best[0].start()):
        pro = unit.start + m_pro.start(2)
        frame = Frame("phrase", m_pro.group(0), unit.start + m_pro.start(), unit.start + m_pro.end(),
                      speaker_start=pro, speaker_end=pro + len(m_pro.group(2)))
        frame.speaker_head = span_head(unit, frame.speaker_start, frame.speaker_end)
        return frame
    m_pre = re.search(r"(?<!\w)по (\w+) (данным|информации|сведениям)(?!\w)", low)
    if m_pre and (best is None or m_pre.start() <= best[0].start()):
        # "по предварительным данным", "по нашей информации": no speaker named
        own = m_pre.group(1) in ("нашим", "нашей", "нашим")
        return Frame("own" if own else "known", m_pre.group(0), unit.start + m_pre.start(), unit.start + m_pre.end())
    if best is None:
        return None
    m, kind = best
    start, end = unit.start + m.start(), unit.start + m.end()
    np_start, np_end = _np_after(unit, end)
    if np_start is None:
        return None
    frame = Frame(
        "document" if kind == "document" else "phrase", unit.text[m.start() : m.end()], start, np_end,
        speaker_start=np_start, speaker_end=np_end,
    )
    frame.speaker_head = span_head(unit, np_start, np_end)
    if _is_channel(unit.text[np_start - unit.start : np_end - unit.start], channel):
        frame.kind = "own"
    if m.group(0) in ("со ссылкой на", "ссылаясь на"):
        return None  # "пишет X со ссылкой на Y": the verb frame names the speaker
    return frame


def _np_after(unit: Unit, pos: int) -> tuple[int | None, int]:
    """The noun group right after `pos`: up to the next comma, colon, dash or the end of the unit."""
    rest = unit.text[pos - unit.start :]
    m = re.match(r"\s*([^,:;—–]+)", rest)
    if not m or not m.group(1).strip():
        return None, pos
    a = pos + m.start(1)
    b = pos + m.end(1)
    while b > a and unit.text[b - 1 - unit.start] in " \t\n":
        b -= 1
    return a, b


def span_head(unit: Unit, start: int, end: int) -> Token | None:
    """The syntactic head of a span: its first token whose head lies outside it ("один из X" → X)."""
    toks = [t for t in unit.tokens if start <= t.start and t.end <= end and t.pos != "PUNCT"]
    ids = {(unit.tree_of[t.start], t.id) for t in toks}
    heads = [t for t in toks if (unit.tree_of[t.start], t.head) not in ids]
    head = heads[0] if heads else (toks[0] if toks else None)
    if head is not None and head.lemma in ("один", "некоторый", "многие", "часть", "ряд"):
        inner = unit.children(head, ("nmod",))
        head = inner[0] if inner else head
    return head


def _is_channel(text: str, channel: str | None) -> bool:
    if not channel:
        return False
    a, b = text.lower().strip(" «»\""), channel.lower()
    return bool(a) and (a in b or b in a)


def _known_frame(unit: Unit, channel: str | None) -> Frame | None:
    """"(как) стало известно (X)", "как мы писали": known without a speaker."""
    m = re.search(r"(?<!\w)(?:как )?(?:нам )?стало известно(?: ([\w-]+))?", unit.text, re.IGNORECASE)
    if m:
        who = m.group(1) or ""
        own = "нам" in m.group(0).lower() or _is_channel(who, channel) or (who.isupper() and len(who) > 1)
        end = m.end() if (own and who) else m.start() + len(m.group(0)) - (len(who) + 1 if who else 0)
        return Frame("own" if own else "known", m.group(0), unit.start + m.start(), unit.start + end)
    m = re.search(r"(?<!\w)(?:в|во) (сми|соцсетях|сети|медиа)\s+(?:\w+\s+)?появил\w*\s+(?:информаци|сообщени|данны)\w*",
                  unit.text, re.IGNORECASE)
    if m:  # "в СМИ появилась информация, что …": unnamed media speak
        frame = Frame("phrase", m.group(0), unit.start + m.start(), unit.start + m.end(),
                      speaker_start=unit.start + m.start(1), speaker_end=unit.start + m.end(1))
        frame.speaker_head = span_head(unit, frame.speaker_start, frame.speaker_end)
        return frame
    m = re.search(r"(?<!\w)как мы (?:уже )?(?:писали|сообщали|рассказывали)", unit.text, re.IGNORECASE)
    if m:
        return Frame("own", m.group(0), unit.start + m.start(), unit.start + m.end())
    return None


def _verb_frame(unit: Unit) -> Frame | None:
    speech = lexicon().speech_verbs
    cands = [t for t in unit.tokens if t.lemma in speech and _is_frame_verb(unit, t)]
    if not cands:
        return None
    cands.sort(key=lambda t: (_verb_rank(unit, t), t.start))
    cands = [t for t in cands if not _first_person(t) and _plausible_speaker(unit, t)]
    if not cands:
        return None
    verb = cands[0]
    speaker = None if verb.pos == "PRTS" else _verb_speaker(unit, verb)
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


def _is_frame_verb(unit: Unit, verb: Token) -> bool:
    if verb.pos not in ("VERB", "INFN", "GRND", "PRTS") or _in_quotes(unit, verb):
        return False
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
    from .models import morph_analyzer

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
    if named or subj.pos not in ("NOUN",) or subj.lemma in SPEAKING_BODIES:
        return True
    from .models import morph_analyzer

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
            while head.rel in ("flat:name", "appos", "flat") and unit.head(head) is not None:
                head = unit.head(head)
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


# Lowercase words that can open a dash attribution: "— агентство SANA", "— глава Минобороны Турции …".
SOURCE_NOUNS = {
    "агентство", "издание", "газета", "телеканал", "пресс-служба", "глава", "министр", "президент", "премьер",
    "премьер-министр", "посол", "губернатор", "мэр", "представитель", "спикер", "пресс-секретарь", "министерство",
    "ведомство", "командование", "источник", "очевидец", "депутат", "директор", "гендиректор", "экс-канцлер",
}


def _dash_frame(unit: Unit) -> Frame | None:
    """"…, — Reuters", "… — власти", "…, — глава Минобороны Турции Яшар Гюлер"."""
    m = re.search(r"[,.!]?\s+[—–-]\s+([^—–]{2,80})$", unit.text)
    if not m:
        return None
    tail_start = unit.start + m.start(1)
    tail = [t for t in unit.tokens if t.start >= tail_start]
    before = [t for t in unit.tokens if t.end <= unit.start + m.start() and t.pos != "PUNCT"]
    if not tail or len(tail) > 8 or len(before) < 4 or any(t.pos in ("VERB", "INFN") for t in tail):
        return None
    head = span_head(unit, tail_start, unit.end)
    if head is None:
        return None
    first = tail[0]
    if not (first.text[:1].isupper() or head.lemma in lexicon().anonymous or first.lemma in SOURCE_NOUNS):
        return None  # "… и всё — сегодня CLOSE" is not an attribution
    return Frame("dash", "—", unit.start + m.start(), unit.end, speaker_start=tail_start, speaker_end=unit.end,
                 speaker_head=head)


def _colon_frame(unit: Unit) -> Frame | None:
    """"Минобороны России: за три дня …", "The Washington Post: …"."""
    m = re.match(r"([^:«\"]{2,60}):\s+\S", unit.text)
    if not m:
        return None
    end = unit.start + m.end(1)
    head_toks = [t for t in unit.tokens if t.end <= end]
    rest = [t for t in unit.tokens if t.start > end]
    if not head_toks or len(head_toks) > 6 or len(rest) < 4 or any(t.pos in VERBAL for t in head_toks):
        return None
    if not head_toks[0].text[:1].isupper() or head_toks[0].lemma in ("среди", "итог", "главное"):
        return None
    named = any(a < end and unit.start < b for a, b, kind in unit.names if kind in ("ORG", "PER"))
    if not named and not any(re.match(r"[A-Z]", t.text) or (t.text.isupper() and len(t.text) > 1) for t in head_toks):
        return None
    head = span_head(unit, unit.start, end)
    return Frame("colon", ":", unit.start, end, speaker_start=unit.start, speaker_end=end, speaker_head=head)
