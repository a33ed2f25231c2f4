"""Event type classification: trigger token -> PLOVER type/mode/context and CAMEO code.

The lexicon decides first (patterns, light verbs, modifiers such as "agreed to" / "called for" / "refused to",
future auxiliaries, negation); the learned model decides where the lexicon is silent. Both the full pipeline
(``classify_frame``) and the pair task (``classify_pair``) go through the same code.

Future cooperative acts ("will travel to", "must meet") are coded as commitments (AGREE, CAMEO 03x), as the
PLOVER 2.0 manual asks; ``explain["asserted"]`` keeps the type the act would have if it happened, and
``EventClassifier(future_as_intent=False)`` codes that type instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from heron.events.constructions import pseudo_objects
from heron.events.lexicon import NOT_AN_EVENT, LexEntry, Lexicon, default_lexicon
from heron.events.model import EventModel, default_model, features
from heron.ontology import PLOVER_TYPES, Ontology, default_ontology

OBJ_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
PASSIVE_SUBJ = frozenset({"nsubjpass"})
PREP_DEPS = frozenset({"prep", "prt", "agent", "dative"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# Adverbs the parser leaves as advmod where they are really verb particles ("brushed aside").
ADVERB_PARTICLES = frozenset({"aside", "away", "back", "off", "out", "down", "up", "over"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
MAX_DEPTH = 3
# Prepositions of the path of something fired or sent, read on the verb even when parsed on its object.
PATH_PREPS = frozenset({"over"})
# A modifier effect whose verb has no sense of its own once it governs a complement ("seek to", "try to").
ATTEMPT = "attempt"


@dataclass
class Classification:
    plover: str
    mode: str | None
    context: list[str]
    cameo: str
    confidence: float
    trigger: int | None
    explain: dict = field(default_factory=dict)


@dataclass(frozen=True)
class _Found:
    """An event read off the parse by the lexicon, before it becomes a Classification."""

    entry: LexEntry
    token: int                # token whose lemma matched
    how: str                  # "verb" | "noun" | "light"
    effects: tuple[str, ...] = ()


class EventClassifier:
    def __init__(self, lexicon: Lexicon | None = None, model: EventModel | None = None,
                 ontology: Ontology | None = None, future_as_intent: bool = True, model_threshold: float = 0.92):
        self.ontology = ontology or default_ontology()
        self.lexicon = lexicon or default_lexicon()
        self._model = model
        self.future_as_intent = future_as_intent
        self.model_threshold = model_threshold

    @property
    def model(self) -> EventModel:
        if self._model is None:
            self._model = default_model()
        return self._model

    # ------------------------------------------------------------------ public API
    def classify_frame(self, sdoc, trigger: int, source: list[int], target: list[int]) -> Classification | None:
        """Type of the event whose predicate is ``trigger``; None when the predicate is not an event."""
        found = self.lexicon_event(sdoc, trigger, source)
        if found is not None:
            return None if found.plover == NOT_AN_EVENT else found
        lemma = sdoc[trigger].lemma_.lower()
        if lemma in self.lexicon.nonevents or sdoc[trigger].pos_ not in ("VERB", "NOUN", "ADJ"):
            return None
        if f"l={lemma}" not in self.model.vocab:  # never seen as a trigger: too weak to claim an event
            return None
        result = self.model_event(sdoc, trigger)
        return result if result.confidence >= self.model_threshold else None

    def find_trigger(self, sdoc, source: list[int], target: list[int]) -> int | None:
        """The predicate linking two mentions: their lowest common governor, looking through reporting verbs
        and preferring an event word on the path when the governor itself is not one."""
        if not source or not target:
            return None
        s, t = _span_head(sdoc, source), _span_head(sdoc, target)
        s_path, t_path = _ancestors(sdoc[s]), _ancestors(sdoc[t])
        common = next((i for i in s_path if i in set(t_path)), None)
        if common is None:  # different sentences: the target's clause decides
            return _clause_head(sdoc[t])
        if common in (s, t) and not self._is_event(sdoc, common) and sdoc[common].head.i != common:
            # one mention governs the other ("guerrillas operating in Macedonia have been demobilized"):
            # the predicate is the clause the governing mention belongs to
            common = _clause_head(sdoc[common].head)
        below_t = t_path[:t_path.index(common)]
        below_s = s_path[:s_path.index(common)]
        lemma = sdoc[common].lemma_.lower()
        if self.lexicon.nonevents.get(lemma) == "report" or not self._is_event(sdoc, common):
            # A reporting verb or a non-event governor: the event is lower on the path to the target.
            for i in reversed(below_t):
                if self._is_event(sdoc, i):
                    return i
            for i in reversed(below_s):
                if self._is_event(sdoc, i):
                    return i
        return common

    def classify_pair(self, sdoc, source_span: tuple[int, int], target_span: tuple[int, int]) -> Classification:
        """Type of the interaction between two character spans; always a best guess."""
        source = _tokens(sdoc, source_span)
        target = _tokens(sdoc, target_span)
        trig = self.find_trigger(sdoc, source, target)
        if trig is None:
            anchor = target or source or [0]
            trig = _clause_head(sdoc[anchor[0]])
        found = self.lexicon_event(sdoc, trig, source)
        if found is not None and found.plover != NOT_AN_EVENT:
            return found
        result = self.model_event(sdoc, trig)
        result.explain["fallback"] = True
        return result

    # ------------------------------------------------------------------ lexicon layer
    def main_predicate(self, sent) -> int:
        """The sentence root, looking through a reporting verb into its clausal complement."""
        root = sent.root
        if self.lexicon.nonevents.get(root.lemma_.lower()) == "report":
            for c in root.children:
                if c.dep_ in ("ccomp", "xcomp"):
                    return c.i
        return root.i

    def lexicon_event(self, sdoc, trigger: int, source: list[int] | None = None) -> Classification | None:
        top = self._climb(sdoc, trigger)
        found = self._compose(sdoc, top, 0)
        if found is None and top != trigger:
            top = trigger
            found = self._compose(sdoc, trigger, 0)
        if found is None:
            return None
        if found.entry.cameo == NOT_AN_EVENT:
            return Classification(NOT_AN_EVENT, None, [], NOT_AN_EVENT, 0.0, top,
                                  {"by": "lexicon", "pattern": f"{found.entry.kind}:{found.entry.pattern}"})
        entry = asserted = found.entry
        effects = list(found.effects)
        for effect in reversed(found.effects):  # innermost modifier first: "refused to agree to meet"
            tr = self.lexicon.transform(effect, entry)
            if tr is not None:
                entry = LexEntry(entry.kind, entry.pattern, tr.cameo, tr.plover, None, ())
        tok = sdoc[top]
        if not effects:
            for effect in self._clause_effects(tok, source):
                tr = self._direct(effect, asserted)
                if tr is not None and effect == "future" and not self.future_as_intent and tr.plover != "THREATEN":
                    # Announced cooperation keeps its own type (CONSULT, modality future); an announced
                    # meeting takes CAMEO's intent-to-meet code, as in the seed gold.
                    if asserted.cameo == "040" and tr.cameo == "036":
                        entry = LexEntry(entry.kind, entry.pattern, "036", asserted.plover, asserted.mode, ())
                        effects.append(effect)
                        break
                    continue
                if tr is None:
                    continue
                entry = LexEntry(entry.kind, entry.pattern, tr.cameo, tr.plover, None, ())
                effects.append(effect)
                break
        code, plover = entry.cameo, entry.plover
        mode, context = self._mode_context(code, plover, asserted)
        specific = ">" in asserted.pattern or "+" in asserted.pattern or found.how == "light"
        confidence = round((0.9 if specific else 0.85) - (0.05 if effects else 0.0), 2)
        explain = {"by": "lexicon", "pattern": f"{asserted.kind}:{asserted.pattern}", "lemma": sdoc[found.token].lemma_,
                   "how": found.how, "effects": effects, "top": top, "features": []}
        if plover != asserted.plover:
            explain["asserted"] = {"plover": asserted.plover, "cameo": asserted.cameo, "mode": asserted.mode}
        return Classification(plover=plover, mode=mode, context=context, cameo=code, confidence=confidence,
                              trigger=found.token, explain=explain)

    def _compose(self, sdoc, i: int, depth: int) -> _Found | None:
        """Event at token i, applying a modifier ("agreed to X") to the event of its complement."""
        tok = sdoc[i]
        lemma = tok.lemma_.lower()
        base = self._base(sdoc, i) if tok.pos_ not in NOUN_POS else None
        if base is not None and ">@" in base.entry.pattern:
            # "called Rubio to urge ...", "called the strikes dangerous": the phone call or the
            # characterisation is the act; its complement is not what the verb turns into something else.
            return base
        if depth < MAX_DEPTH and lemma in self.lexicon.modifiers:
            attempted = False
            for arg, effect in self.lexicon.modifiers[lemma]:
                if arg == "aux":
                    continue
                comp = _complement(tok, arg)
                if comp is None:
                    continue
                attempted |= effect == ATTEMPT
                inner = self._compose(sdoc, comp, depth + 1)
                if inner is not None and inner.entry.cameo != NOT_AN_EVENT:   # "agreed to hold elections": agree
                    tr = self.lexicon.transform(effect, inner.entry)
                    if tr is not None:
                        return _Found(inner.entry, inner.token, inner.how, (effect,) + inner.effects)
            if attempted:
                return None     # "seeking to de-risk": an aim with no act in it asks nothing of anyone
        return base if tok.pos_ not in NOUN_POS else self._base(sdoc, i)

    def _base(self, sdoc, i: int) -> _Found | None:
        tok = sdoc[i]
        lemma = tok.lemma_.lower()
        if tok.pos_ in NOUN_POS:
            entry = self._noun(tok)
            return _Found(entry, i, "noun") if entry else None
        preps = [c.lemma_.lower() for c in tok.children if c.dep_ in PREP_DEPS or _is_particle(c)]
        obj_toks = [c for c in tok.children if c.dep_ in OBJ_DEPS or c.dep_ in PASSIVE_SUBJ]
        # "fired a missile over Japan": the path of what was fired, wherever the parser hangs it
        preps += [p.lower_ for c in obj_toks for p in c.children if p.dep_ == "prep" and p.lower_ in PATH_PREPS]
        objs = [c.lemma_.lower() for c in obj_toks]
        objs += [m.lemma_.lower() for c in obj_toks for m in c.children if m.dep_ in ("compound", "amod")]
        # "50 tonnes of food and medicine", "$3 billion in aid": the measured goods, with their conjuncts and compounds
        of_objects = [p for c in obj_toks for m in c.children if m.dep_ == "prep" and (m.lemma_ == "of" or m.lemma_ == "in"
                                                                                 and c.ent_type_ == "MONEY")
                      for p in m.children if p.dep_ == "pobj"]
        of_objects += [x for p in of_objects for x in (*p.conjuncts, *(m for m in p.children if m.dep_ in ("compound", "nmod")))]
        objs += [p.lemma_.lower() for p in of_objects]
        objs = pseudo_objects(tok, obj_toks) + objs
        entry = self.lexicon.verb(lemma, preps, objs, _prep_objects(tok))
        light = []
        if lemma in self.lexicon.light_verbs:
            # "imposed an air and arms embargo": the event noun may be a conjunct of the object.
            for c in obj_toks + [cc for c in obj_toks for cc in c.conjuncts if cc.i > c.i]:
                noun = self._noun(c)
                if noun is not None:
                    light.append((noun, c.i))
        if entry is not None and ">@" in entry.pattern:
            return _Found(entry, i, "verb")      # a construction ("called the strikes dangerous") beats its noun
        if entry is not None and ">" in entry.pattern:
            # "imposed a visa ban": a noun pattern with its modifier is more specific than "impose>ban"
            # (but not than a particle verb: "called off a general strike").
            specific = next(((n, t) for n, t in light if ">" in n.pattern and "+" not in entry.pattern), None)
            if specific is not None:
                return _Found(specific[0], specific[1], "light")
            return _Found(entry, i, "verb")
        if light:
            return _Found(light[0][0], light[0][1], "light")
        return _Found(entry, i, "verb") if entry else None

    def _noun(self, tok) -> LexEntry | None:
        mods = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "poss")]
        # "a ban on imports" reads like "an import ban"
        mods += [p.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "under")
                 for p in c.children if p.dep_ == "pobj"]
        # Pseudo-modifiers for senses that depend on who and on what: "Israeli strikes", "strikes on Doha"
        # are attacks, "a general strike" is a protest.
        if any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.ent_type_ in ("NORP", "GPE") for c in tok.children):
            mods.append("@state")
        if any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in tok.children):
            mods.append("@on")
        entry = self.lexicon.noun(tok.lemma_.lower(), mods)
        if entry is not None:
            return entry
        # "a mediation effort", "peace talks": a generic head noun named by an event modifier
        if self.lexicon.nonevents.get(tok.lemma_.lower()) != "generic":
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "amod"):
                entry = self.lexicon.noun(c.lemma_.lower(), [])
                if entry is not None:
                    return entry
        return None

    def _climb(self, sdoc, i: int) -> int:
        """From an inner event up to the modifiers that govern it ("send" -> "agreed" in "agreed to send")."""
        top = sdoc[i]
        for _ in range(MAX_DEPTH):
            head = top.head
            if head.i == top.i:
                break
            mods = self.lexicon.modifiers.get(head.lemma_.lower(), [])
            args = {a for a, _ in mods}
            if top.dep_ == "ccomp" and top.i < head.i:
                break       # "X imposed a ban, ministers decided": a trailing attribution, not a modifier
            if (top.dep_ in CLAUSE_DEPS or _infinitive(top)) and "xcomp" in args:
                if head.pos_ not in NOUN_POS and pseudo_objects(head, [c for c in head.children if c.dep_ in OBJ_DEPS]):
                    break   # "called Putin to urge ...": the urging is not what the call turns into
                top = head
            elif top.dep_ == "dobj" and ("dobj" in args or head.lemma_.lower() in self.lexicon.light_verbs):
                top = head  # "will have a meeting": the clause (future, negation) is the light verb's
            elif top.dep_ in ("pobj", "pcomp") and head.dep_ == "prep":
                gov = head.head
                gargs = {a for a, _ in self.lexicon.modifiers.get(gov.lemma_.lower(), [])}
                if head.lemma_.lower() in gargs:
                    top = gov
                else:
                    break
            else:
                break
        return top.i

    def _clause_effects(self, tok, source: list[int] | None) -> list[str]:
        """Effects of the clause around a predicate, strongest first: negation, obligation on someone other
        than the source (a demand), conditional clauses, modal/future auxiliaries."""
        out = []
        aux = [c.lemma_.lower() for c in tok.children if c.dep_ in ("aux", "auxpass")]
        # the condition of a main clause makes it a threat ("will strike if attacked"); an act inside the
        # if-clause ("if Iran attacks Israel, ...") is only hypothetical (heron.events.modality)
        marks = [m.lemma_.lower() for c in tok.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"]
        if any(c.dep_ == "neg" for c in tok.children):
            out.append("negate")
        if source and any(("obliged", "obliged") in self.lexicon.modifiers.get(a, []) for a in aux):
            subj = {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
            if subj and not subj & set(source):
                out.append("obliged")
        for m in marks:
            out += [e for a, e in self.lexicon.modifiers.get(m, []) if a == "mark"]
        for a in aux:
            out += [e for arg, e in self.lexicon.modifiers.get(a, []) if arg == "aux"]
        return out

    def _direct(self, effect: str, entry: LexEntry):
        """Transform for a clause effect; effects without a "*" row in transforms.tsv change only listed types."""
        return self.lexicon.transform(effect, entry)

    def _is_event(self, sdoc, i: int) -> bool:
        tok = sdoc[i]
        if tok.lemma_.lower() in self.lexicon.modifiers:
            return True
        return self._base(sdoc, i) is not None

    def _mode_context(self, code: str, plover: str, asserted: LexEntry) -> tuple[str | None, list[str]]:
        if code == asserted.cameo and plover == asserted.plover:
            return asserted.mode, list(asserted.context)
        info = self.ontology.cameo(code)
        if info is None or info.plover_type != plover:
            return None, []
        return info.plover_mode, list(info.plover_context)

    # ------------------------------------------------------------------ model layer
    def model_event(self, sdoc, trigger: int) -> Classification:
        feats = features(sdoc, trigger)
        label, prob, top = self.model.predict(feats)
        plover = label if label in PLOVER_TYPES else "CONSULT"
        code = self.ontology.default_code(plover)
        info = self.ontology.cameo(code)
        mode = info.plover_mode if info and info.plover_type == plover else None
        context = list(info.plover_context) if info and info.plover_type == plover else []
        return Classification(plover=plover, mode=mode, context=context, cameo=code, confidence=round(prob, 3),
                              trigger=trigger, explain={"by": "model", "lemma": sdoc[trigger].lemma_,
                                                        "features": top, "pattern": None})


# ---------------------------------------------------------------------- parse helpers
def _tokens(sdoc, span: tuple[int, int]) -> list[int]:
    s, e = span
    return [t.i for t in sdoc if t.idx < e and t.idx + len(t.text) > s]


def _span_head(sdoc, toks: list[int]) -> int:
    inside = set(toks)
    for i in toks:
        if sdoc[i].head.i not in inside or sdoc[i].head.i == i:
            return i
    return toks[0]


def _ancestors(tok) -> list[int]:
    path = [tok.i]
    while tok.head.i != tok.i:
        tok = tok.head
        path.append(tok.i)
    return path


def _clause_head(tok) -> int:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _is_particle(tok) -> bool:
    return tok.dep_ == "prt" or tok.dep_ == "advmod" and tok.lower_ in ADVERB_PARTICLES


def _prep_objects(tok) -> list[tuple[str, str]]:
    """(preposition, object lemma) pairs of a verb: "pulled out of the deal" -> (of, deal) and (out, deal);
    an object is never paired with another preposition's word ("withdraw troops from Congo under a deal")."""
    particles = [c.lemma_.lower() for c in tok.children if _is_particle(c)]
    pairs = []
    for c in tok.children:
        if c.dep_ not in PREP_DEPS:
            continue
        for h in (c, *(p for p in c.children if p.dep_ == "prep")):
            for p in h.children:
                if p.dep_ not in ("pobj", "pcomp"):
                    continue
                # "with $30 billion in tariffs": the measured thing
                measured = [q for m in p.children if m.dep_ == "prep" and m.lower_ in ("in", "of") and p.ent_type_ == "MONEY"
                            for q in m.children if q.dep_ == "pobj"]
                for g in (p, *(m for m in p.children if m.dep_ == "compound"), *measured):
                    word = g.lemma_.lower()
                    pairs += [(c.lemma_.lower(), word), (h.lemma_.lower(), word)] + [(x, word) for x in particles]
    return pairs


def _infinitive(tok) -> bool:
    """An advcl that is really a to-infinitive complement ("have sworn to fight")."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _complement(tok, arg: str) -> int | None:
    for c in tok.children:
        if arg == "xcomp" and (c.dep_ in CLAUSE_DEPS or _infinitive(c)) and not (c.dep_ == "ccomp" and c.i < tok.i):
            return c.i
        if arg == "dobj" and c.dep_ in ("dobj", "obj"):
            return c.i
        if c.dep_ == "prep" and c.lemma_.lower() == arg:
            for pc in c.children:
                if pc.dep_ in ("pobj", "pcomp"):
                    return pc.i
    return None
