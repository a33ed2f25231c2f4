"""Date expressions: find them in a parsed sentence and resolve them against the document date.

Fast rules cover the common news forms (weekdays, month + day, month + year, years, relative
words); dateparser is a cached fallback for rare absolute forms only.

Conventions (precision day | week | month | year; the date is the first day of the period):
- bare/``on``/``last`` weekday: the most recent such day on or before the document date
  (``last``: strictly before); with a future verb or ``next``: the next one on or after (``next``: after).
- month + day without a year, month alone, mid-/early/late month: the latest on or before the
  document date, or the earliest on or after it when the verb is future.
- ``last week`` / ``earlier this week`` / ``N weeks ago`` / weekends: the Monday of that week, precision week.
- ``last month`` / ``earlier this month`` / ``a year ago``: the 1st of the month, precision month.
- ``last year`` / ``N years ago`` / a bare year: 1 January, precision year.
- durations, ages, anniversaries, decades and vague spans ("a few days", "recent weeks") give None.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from datetime import date, timedelta
from functools import lru_cache

from heron.parse import doc_text, sentence_bounds
from heron.records import DateRef
from heron.when_where.event_location import attachment_cost, clause_head

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                 "sat": 5, "sun": 6})
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
DAY_OFFSETS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
               "earlier today": 0, "earlier in the day": 0, "yesterday": -1, "last night": -1,
               "overnight": 0, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
               "the day before": -1, "the previous day": -1, "a day earlier": -1, "the next day": 1,
               "the following day": 1, "a day later": 1}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "must", "would"}
FUTURE_GOVERNORS = {"plan", "expect", "schedule", "due", "set", "aim", "intend", "prepare", "go", "hope"}
FUTURE_FORMS = {"next", "coming", "upcoming", "tomorrow"}
# A present-tense verb with a calendar date is a schedule in news ("Poland votes on Sunday");
# reporting verbs are the exception (headline "says" is past in meaning).
REPORTING_LEMMAS = {"say", "tell", "add", "state", "claim", "report", "announce", "insist", "warn", "note"}

_M = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
     r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD = r"(?P<wd>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
RULES = [(name, re.compile(rx)) for name, rx in [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("us_numeric", r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)\b"),
    ("mdy", _M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    ("dmy", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
    ("md", r"\b" + _M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?\d)"),
    ("dm", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r"(?!\w)"),
    ("my", r"\b(?:(?:early|mid|late|the end of|the start of|the beginning of)[\s-]+)?" + _M
     + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
    ("month_rel", r"\b" + _M + r"\s+(?:of\s+)?(?P<which>last|this|next)\s+year\b"),
    ("ago", r"\b" + _N + r"\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier)\b"),
    ("rel_week", r"\b(?P<which>last|this|next|past|previous|coming)\s+(?P<unit>week(?:end)?|month|year)\b"),
    ("in_this", r"\b(?:earlier|later)\s+(?:this|in the)\s+(?P<unit>week|month|year)\b"),
    ("weekend", r"\b(?:the|this|over the|at the)\s+weekend\b"),
    ("weekday", r"\b(?:(?P<which>last|this|next|past|coming|on|early|late)\s+)?" + _WD + r"(?!\w)"),
    ("offset", r"\b(?:" + "|".join(sorted(map(re.escape, DAY_OFFSETS), key=len, reverse=True)) + r")\b"),
    ("month", r"\b(?:(?:early|mid|late|the end of|the start of|the beginning of)[\s-]+)?" + _M + r"(?!\w)"),
    ("year", r"(?<![\d./-])(?P<y>(?:1[89]|20)\d\d)(?![\d-]|s\b|'s)"),
]]
SKIP = re.compile(r"year-old|years? old|anniversar|decade|centur|\d0s\b|\bfor\b|\bfew\b|\bseveral\b|"
                  r"\brecent\b|\bpast (?:few|\d+|two|three|four|five|six|seven|eight|nine|ten) |"
                  r"\bnext (?:few|\d+|two|three) |\bcoming (?:days|weeks|months)|\bhours?\b|\bminutes?\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./]\d{1,2}[./]\d{2,4}\b")
PREFIX = re.compile(r"^(?:on|in|at|during|by|from|until|till|since)\s+", re.I)


def _parse_day(doc_date: str | None) -> date | None:
    try:
        return date.fromisoformat(doc_date) if doc_date else None
    except ValueError:
        return None


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _pick_year(ref: date, month: int, day: int, future: bool) -> date | None:
    """Month/day without a year: latest on or before the reference, or earliest on or after if future."""
    for y in ((ref.year, ref.year + 1) if future else (ref.year, ref.year - 1)):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if (d >= ref) if future else (d <= ref):
            return d
    return None


def _shift_months(d: date, months: int) -> date:
    idx = d.year * 12 + d.month - 1 + months
    return date(idx // 12, idx % 12 + 1, 1)


def _rule_date(name: str, m: re.Match, ref: date | None, future: bool) -> tuple[date, str] | None:
    g = m.groupdict()
    mon = MONTHS.get((g.get("mon") or "")[:4].rstrip(".")) or MONTHS.get((g.get("mon") or "")[:3])
    if name in ("iso", "us_numeric", "mdy", "dmy"):
        try:
            return date(int(g["y"]), int(g["m"]) if g.get("m") else mon, int(g["d"])), "day"
        except ValueError:
            return None
    if name == "my":
        return date(int(g["y"]), mon, 1), "month"
    if name == "year":
        return date(int(g["y"]), 1, 1), "year"
    if name == "month_rel" and ref is not None:
        return date(ref.year + {"last": -1, "next": 1}.get(g["which"], 0), mon, 1), "month"
    if ref is None:
        return None
    if name in ("md", "dm"):
        d = _pick_year(ref, mon, int(g["d"]), future)
        return (d, "day") if d else None
    if name == "month":
        d = _pick_year(ref, mon, 1, future)
        if d is None and not future:     # the month of the document date itself
            d = date(ref.year, mon, 1) if mon == ref.month else None
        return (d, "month") if d else None
    if name == "ago":
        n = NUMBERS.get(g["n"], None) if not g["n"].isdigit() else int(g["n"])
        if not n:
            return None
        unit = g["unit"]
        if unit == "day":
            return ref - timedelta(days=n), "day"
        if unit == "week":
            return _monday(ref - timedelta(weeks=n)), "week"
        if unit == "month":
            return _shift_months(ref, -n), "month"
        return (_shift_months(ref, -12), "month") if n == 1 else (date(ref.year - n, 1, 1), "year")
    if name in ("rel_week", "in_this", "weekend"):
        which = g.get("which") or "this"
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
        unit = g.get("unit") or "weekend"
        if unit in ("week", "weekend"):
            if name == "weekend" and step == 0:
                step = 0 if future or ref.weekday() >= 5 else -1   # "at the weekend": the last one
            return _monday(ref) + timedelta(weeks=step), "week"
        if unit == "month":
            return _shift_months(ref, step), "month"
        return date(ref.year + step, 1, 1), "year"
    if name == "weekday":
        wd, which = WEEKDAYS[g["wd"]], g.get("which")
        if which == "next" or (future and which != "last"):
            delta = (wd - ref.weekday()) % 7
            if which == "next" and delta == 0:
                delta = 7
            return ref + timedelta(days=delta), "day"
        delta = (ref.weekday() - wd) % 7
        if which == "last" and delta == 0:
            delta = 7
        return ref - timedelta(days=delta), "day"
    if name == "offset":
        return ref + timedelta(days=DAY_OFFSETS[m.group(0)]), "day"
    return None


@lru_cache(maxsize=4096)
def _resolve_cached(norm: str, doc_date: str | None, future: bool) -> tuple[str, str] | None:
    if SKIP.search(norm):
        return None
    ref = _parse_day(doc_date)
    if any(w in norm.split() for w in FUTURE_FORMS):
        future = True
    for name, rx in RULES:
        m = rx.search(norm)
        if m:
            got = _rule_date(name, m, ref, future)
            return (got[0].isoformat(), got[1]) if got else None
    return _dateparser_fallback(norm, doc_date)


def _dateparser_fallback(norm: str, doc_date: str | None) -> tuple[str, str] | None:
    """Rare absolute numeric forms ("14.03.2022", "2022/03/14"); nothing else reaches dateparser."""
    if not _NUMERIC_DATE.search(norm):
        return None
    import dateparser  # slow import; only for the rare forms
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": ["day", "month", "year"]}
    if doc_date:
        settings["RELATIVE_BASE"] = __import__("datetime").datetime.fromisoformat(doc_date)
    got = dateparser.parse(norm, languages=["en"], settings=settings)
    return (got.date().isoformat(), "day") if got else None


def resolve_date(text: str, doc_date: str | None, future: bool = False) -> DateRef | None:
    """Resolve one date expression against the document date (see module conventions)."""
    norm = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" ,.")
    got = _resolve_cached(norm, doc_date, future)
    if got is None:
        return None
    return DateRef(text=text, span=None, date=got[0], precision=got[1])


def _is_future(root) -> bool:
    """Tense of the verb governing a date phrase: will/shall/must/would or plan/expect/schedule to."""
    verb, hops = root, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 5:
        verb, hops = verb.head, hops + 1
    for _ in range(3):
        kids = list(verb.children)
        if any(k.dep_ in ("aux", "auxpass") and k.lower_ in FUTURE_AUX for k in kids):
            return True
        if verb.lemma_ in FUTURE_GOVERNORS and verb.tag_ in ("VBN", "VBZ", "VBP", "VBG", "JJ") \
                and not any(k.tag_ == "VBD" for k in kids) and (verb.lemma_ != "go" or verb.tag_ == "VBG"):
            return True
        if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in REPORTING_LEMMAS \
                and not any(k.dep_ in ("aux", "auxpass") for k in kids):
            return True
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        verb = verb.head
    return False


def _candidate_spans(sdoc) -> list[tuple[int, int]]:
    """DATE entities (and TIME ones holding a day word) plus weekday / month-day forms NER missed."""
    spans: list[tuple[int, int]] = []
    for ent in sdoc.ents:
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and re.search(
                r"day|night|tonight|morning|evening|afternoon", ent.text, re.I)):
            spans.append((ent.start_char, ent.end_char))
    text = doc_text(sdoc)
    taken = sorted(spans)            # found so far, by start: overlap is a binary search, not a scan
    longest = max((e - s for s, e in taken), default=0)
    for rx in (_EXTRA_WEEKDAY, _EXTRA_MONTHDAY, _EXTRA_OFFSET):
        for m in rx.finditer(text):
            near = taken[bisect_left(taken, (m.start() - longest,)):bisect_left(taken, (m.end(),))]
            if not any(s < m.end() and m.start() < e for s, e in near):
                spans.append((m.start(), m.end()))
                insort(taken, (m.start(), m.end()))
                longest = max(longest, m.end() - m.start())
    return sorted(spans)


_EXTRA_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_EXTRA_OFFSET = re.compile(r"\b(?:[Yy]esterday|[Tt]omorrow|[Tt]onight|the (?:day before|previous day|following day|next day))\b")
_EXTRA_MONTHDAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b(?:,\s*\d{4})?")


def find_dates(sdoc, doc_date: str | None) -> list[DateRef]:
    """All resolvable date expressions of a parsed document, with char spans and sentence index."""
    starts = [sdoc[s].idx for s, _ in sentence_bounds(sdoc)]
    text = doc_text(sdoc)
    out: list[DateRef] = []
    for start, end in _candidate_spans(sdoc):
        span = sdoc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        before = sdoc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in ("on", "in") and not PREFIX.match(span.text):
            start = before.idx                            # "on Tuesday" is the expression
        ref = resolve_date(text[start:end], doc_date, future=_is_future(span.root))
        if ref is None:
            continue
        ref.span, ref.sentence = (start, end), max(0, bisect_right(starts, start) - 1)
        out.append(ref)
    return out


def event_date(sdoc, trigger_index: int, dates: list[DateRef], doc_date: str | None) -> DateRef | None:
    """The date phrase attached to the trigger's clause; None means: use the document date."""
    trigger = sdoc[trigger_index]
    clause = clause_head(trigger)
    sent = trigger.sent
    best: tuple[int, DateRef] | None = None
    for ref in dates:
        if ref.span is None or ref.date is None or not (sent.start_char <= ref.span[0] < sent.end_char):
            continue
        span = sdoc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if span is None:
            continue
        cost = attachment_cost(span.root, trigger, clause)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, ref)
    return best[1] if best else None
