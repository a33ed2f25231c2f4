"""Stage: frames -> typed events with CAMEO/PLOVER codes, modality and evidence."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from heron.events.frame import Frame
from heron.events.border import border_fighting_frames
from heron.events.frames import FrameFinder
from heron.events.judged import resolve_judged_acts
from heron.events.modality import Modality, modality_of
from heron.events.parties import expand
from heron.events.posture import EXERCISE_CODE, solo_exercise
from heron.events.said import said, threatened_if
from heron.events.targets import frame_lexicon, stance_in
from heron.records import Actor, Document, Event, Mention, Trigger

# Types that make sense without a recipient ("protesters rallied", "troops mobilised").
NO_RECIPIENT_TYPES = {"PROTEST", "MOBILIZE", "RETREAT", "COERCE", "THREATEN", "REJECT", "ACCUSE", "ASSAULT", "SANCTION",
                      "REQUEST", "AGREE", "CONCEDE"}


RECIPROCAL_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
# Several actors with no recipient may also fight each other ("India and Pakistan exchanged fire").
MUTUAL_TYPES = RECIPROCAL_TYPES | {"ASSAULT"}
# CAMEO codes of mutual interactions: consult, discuss by telephone, negotiate, sign an agreement.
RECIPROCAL_CODES = {"040", "041", "046", "057"}
# Another state's people ordered to leave are expelled (CAMEO 166), not asked to leave.
ORDERED_DEPARTURES = frozenset({"N:departure", "N:exit", "N:expulsion"})
EXPEL_CODE = "166"
# Giving aid and pledging it (CAMEO 07, 033): donors named together give to someone else, never to each other.
AID_CODE_PREFIXES = ("07", "033")


def gives_aid(cameo: str) -> bool:
    return cameo.startswith(AID_CODE_PREFIXES)
# What one party says to another: kept apart from the meeting or call it was said in.
SPEECH_ACT_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT", "AGREE"})
# Meetings, agreements and protests happen somewhere: a place in their arguments is the venue, not a party.
VENUE_BLIND_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "PROTEST"})
# People who protest when they come together.
CIVILIAN_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "REL", "REF", "HLH"})
# Dependencies that make an event part of another event's description: a purpose or manner clause ("staged
# demonstrations to demand reforms"), a reason or topic ("expelled diplomats over Moscow's refusal to
# extradite"), a clause on a participant ("refugees fleeing the war", "a resolution that aims to tighten").
SUBORDINATE_DEPS = frozenset({"advcl", "prep", "acl", "relcl"})
# ... but an event in a time phrase is an event of its own: "showed his support during a visit to Astana".
SEPARATE_EVENT_PREPS = frozenset({"during", "after", "before", "since", "amid", "amidst", "following", "despite",
                                  "until", "ahead", "while"})


def _phrase_of(sdoc, m: Mention) -> int:
    """The phrase a mention belongs to: its preposition, or the first of its conjuncts."""
    tok = sdoc[m.head]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.head.i if tok.dep_ == "pobj" else tok.i


def _one_phrase(sdoc, mentions) -> bool:
    """Whether the mentions are one phrase and its conjuncts ("with Kyrgyzstan and Uzbekistan"), not separate
    phrases ("agreed with Trudeau on vehicles, with Scholz on launchers": separate agreements)."""
    return len({_phrase_of(sdoc, m) for m in mentions if m.head is not None}) <= 1


def _partners_apart(sdoc, frame: Frame, event: Event) -> list[Event]:
    """"Zelensky agreed with Trudeau on armored vehicles, with Scholz on launchers": one mutual agreement with each
    partner phrase, not one act of Zelensky's aimed at all of them."""
    if event.plover["type"] not in RECIPROCAL_TYPES or not frame.target_via.endswith("prep:with") \
            or event.modality != "asserted" or not event.recipient or (event.explain or {}).get("effects") \
            or _one_phrase(sdoc, frame.targets):
        return [event]
    phrases: dict[int, list[Actor]] = {}
    for m in frame.targets:
        if m.head is not None:
            phrases.setdefault(_phrase_of(sdoc, m), []).extend(
                a for a in expand(m.actor) if a in event.recipient)
    out = []
    for k, partners in enumerate(p for p in phrases.values() if p):
        e = replace(event, id=f"{event.id}.{k}", actor=event.actor + [p for p in partners if p not in event.actor],
                    recipient=[], explain=dict(event.explain or {}, partner_phrase=k))
        out.append(e)
    return out or [event]


@dataclass
class EventExtractor:
    """Find frames, type them with the event classifier, and build Event records."""

    name: str = "events"
    classifier: object = None         # heron.events.classify.EventClassifier, created lazily
    ontology: object = None
    frames: FrameFinder = field(default_factory=FrameFinder)
    explain: bool = True

    def _setup(self):
        if self.classifier is None:
            from heron.events.classify import EventClassifier
            self.classifier = EventClassifier()
        if self.ontology is None:
            from heron.ontology import default_ontology
            self.ontology = default_ontology()

    def __call__(self, doc: Document) -> Document:
        self._setup()
        sdoc = doc.nlp
        events: list[Event] = []
        direct = [q for q in doc.quotes if not q.indirect]
        quotes = ([q.span[0] for q in direct], direct)     # direct quotes by start, for binary search
        by_head = {m.head: m for m in doc.mentions if m.head is not None}
        judged: list[tuple[Event, int]] = []        # events that judge an act named by a noun, and the noun
        frames = self.frames(doc)
        frames += border_fighting_frames(doc, {f.trigger for f in frames})
        for frame in frames:
            if not self._in_story(doc, sdoc, frame):
                continue
            event = self._event(doc, sdoc, frame, len(events), quotes, by_head)
            if event is not None:
                events.extend(_partners_apart(sdoc, frame, event))
                if not frame.targets and frame.target_via.startswith("act:"):
                    judged.append((event, int(frame.target_via[4:])))
        # (aid given to no one named may get its recipient from the story; a better reading of the sentence may
        # still name one: "wheat donated by the EC was delivered to Ethiopia")
        coded = {e.sentence for e in events if e.recipient or not gives_aid(e.cameo["code"])}
        for candidates in self.frames.fallback_frames(doc, skip_sentences=coded):
            for frame in candidates:
                if not self._in_story(doc, sdoc, frame):
                    continue
                event = self._event(doc, sdoc, frame, len(events), quotes, by_head)
                if event is not None:
                    event.confidence = round(event.confidence * 0.6, 3)
                    events.append(event)
                    break
        resolve_judged_acts(doc, sdoc, events, judged, self.classifier.lexicon)
        self._quoted_recipients(doc, events)
        doc.events = self._dedup(doc, self._fold_subordinate(sdoc, events))
        return doc

    @staticmethod
    def _quoted_recipients(doc: Document, events: list[Event]) -> None:
        """"“We will never accept the blockade,” the Cuban minister said of the United States": words in a
        quote with no one named act on whom they are told to or about."""
        quotes = {q.id: q for q in doc.quotes}
        for e in events:
            q = quotes.get(e.quote_id) if e.quote_id else None
            if e.recipient or q is None:
                continue
            other = q.addressee or q.about
            keys = {a.country or a.igo for a in e.actor}
            if other is not None and (other.country or other.igo) and (other.country or other.igo) not in keys:
                e.recipient = [replace(other)]
                if e.explain is not None:
                    e.explain["target_via"] = "quote-addressee" if other is q.addressee else "quote-topic"

    @staticmethod
    def _in_story(doc: Document, sdoc, frame: Frame) -> bool:
        """Captions, bylines, credits and other page furniture are not the story."""
        idx = sdoc[frame.trigger].idx
        return doc.layout is None or doc.layout.codable(idx, idx + 1)

    @staticmethod
    def _fold_subordinate(sdoc, events: list[Event]) -> list[Event]:
        """Drop events whose trigger sits in a subordinate phrase (SUBORDINATE_DEPS) of another event's trigger.

        "staged demonstrations to demand reforms", "rioted, setting fire to mattresses": the purpose or manner
        clause describes the main act, it is not a second event (PLOVER/GSR code the main act once). The folded
        event stays visible in the main event's ``explain["folded"]``."""
        spans = [sdoc.char_span(*e.trigger.span, alignment_mode="expand") for e in events]
        by_token = {}
        for e, span in zip(events, spans):
            if span is not None:
                by_token.setdefault(span.root.i, e)
        kept = []
        for e, span in zip(events, spans):
            main = None
            if span is not None and (e.explain or {}).get("target_via") != "mediated-parties" \
                    and (e.explain or {}).get("agent_via") != "judged-for" and not stance_in(span.root):
                # (a mediator is a party of its own: "talks between A and B, mediated by C"; so is the one praised
                # for an act: "praised Trump for lifting sanctions on Syria", and the stance taken in an act:
                # "skipped the summit in solidarity with Trump")
                tok, subordinate = span.root, False
                # "..., with Ramaphosa urging a ceasefire": a clause with a subject of its own is an act of its own,
                # and the acts inside it belong to it, not to the clause above.
                while tok.head.i != tok.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
                                                       if tok.pos_ == "VERB"):
                    if tok.dep_ == "prep" and tok.lower_ in SEPARATE_EVENT_PREPS:
                        break      # an event in a time phrase is its own, whatever governs the phrase
                    subordinate = subordinate or tok.dep_ in SUBORDINATE_DEPS
                    tok = tok.head
                    other = by_token.get(tok.i)
                    if other is not None and other is not e and subordinate:
                        main = other   # (an event reached without a subordinate step, "agreed to send", is passed)
                        break
            if main is not None and main.plover["type"] == "CONSULT" and e.plover["type"] in SPEECH_ACT_TYPES:
                main = None     # "called Putin to urge a prisoner swap": what is said in a call is an act of its own
            elif main is not None and e.plover["type"] == "ACCUSE" and e.recipient \
                    and main.plover["type"] not in SPEECH_ACT_TYPES:
                main = None     # "closed the border, citing attacks by Afghanistan": the reason given accuses
            if main is None:
                kept.append(e)
            else:
                if not main.recipient and e.recipient and e.plover["type"] == main.plover["type"]:
                    # "criticized the attacks ..., blaming DRC security forces": the one blamed is the one criticized
                    main.recipient = e.recipient
                    if main.explain is not None:
                        main.explain["target_via"] = f"folded:{e.trigger.text}"
                if main.explain is not None:
                    main.explain.setdefault("folded", []).append(
                        {"type": e.plover["type"], "cameo": e.cameo["code"], "trigger": e.trigger.text})
        return kept

    def _event(self, doc: Document, sdoc, frame: Frame, n: int, quotes: tuple[list[int], list],
               by_head: dict[int, Mention]) -> Event | None:
        source = [t for m in frame.agents for t in range(*self._token_range(sdoc, m))]
        target = [t for m in frame.targets for t in range(*self._token_range(sdoc, m))]
        cls = self.classifier.classify_frame(sdoc, frame.trigger, source, target)
        if cls is None:
            return None
        tok = sdoc[frame.trigger]
        lemma = tok.lemma_.lower()
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in frame_lexicon()["descriptive_participles"] \
                and not any(c.dep_ == "agent" for c in tok.children):
            return None     # "personnel armed with knives": what they carried, not an act (but "armed by Iran")
        cls = self._crowd_protest(sdoc, frame, cls)
        cls = self._order_to_another(frame, cls)
        if cls.cameo == EXERCISE_CODE:
            cls, frame = solo_exercise(sdoc, frame, cls, self.ontology, by_head)
        # "Indian and Pakistani troops exchanged fire": one phrase naming several states is several parties.
        conjoined = len(frame.agents) == 1 and "+conjoined" in (frame.agents[0].actor.source or "")
        # Several parties and nobody else: "Egypt and Syria restored relations" is mutual whatever its type.
        # "Both sides blamed each other": a group acting on itself.
        each_other = any(t.lower_ == "other" and any(c.lower_ == "each" for c in t.children) or t.lower_ == "another"
                         for t in sdoc[frame.trigger].subtree)
        # "Both countries recalled their ambassadors": the two sides of a story act on each other.
        pair = len(frame.agents) == 1 and (frame.agents[0].actor.source or "").startswith("coref:set")
        reciprocal = (len(frame.agents) > 1 or conjoined or (each_other or pair) and frame.agents[0].actor.members) \
            and (cls.plover in MUTUAL_TYPES or cls.cameo in RECIPROCAL_CODES or not frame.targets) \
            and not gives_aid(cls.cameo)
        judged = frame.target_via.startswith("act:")     # its target is found later, from the act judged
        if cls.plover == "THREATEN" and not frame.targets:
            frame = threatened_if(sdoc, frame, by_head)
        if cls.plover in VENUE_BLIND_TYPES and frame.target_via.startswith(("nested-place", "complement:nested-place")):
            # "agreed a truce in Busan": a town is where; "mediate in the dispute between Mali and Burkina Faso":
            # states are parties
            states = [m for m in frame.targets if (m.actor.source or "").startswith("kb:country")]
            frame = replace(frame, targets=states, target_via=frame.target_via if states else "")
        if not frame.targets and not reciprocal and not judged \
                and not ((cls.plover in NO_RECIPIENT_TYPES or gives_aid(cls.cameo)) and frame.kind == "verb"):
            return None
        if not frame.targets and len(frame.agents) == 1 and frame.agents[0].actor.members \
                and cls.plover not in RECIPROCAL_TYPES and not reciprocal:
            # Without a recipient, several actors read as a reciprocal event; a group acting alone is not.
            return None
        agents = [a for m in frame.agents for a in expand(m.actor)]
        lead = agents[0] if agents else None
        targets = frame.targets
        if len(agents) > 1 and ("nested-place" in frame.target_via
                                or all((m.actor.source or "").startswith("place:") for m in targets)):
            # "the government and the rebels agreed in New York", "U.S. and Russian negotiators return to
            # Geneva": where several parties act is a venue.
            targets = []
        recipients = [a for m in targets for a in expand(m.actor, lead if frame.counterpart else None)]
        # "the Security Council imposed an embargo on Libya over its refusal": an organisation is not its own target.
        agent_igos = {a.igo for a in agents if a.igo}
        recipients = [r for r in recipients if not (r.igo and r.igo in agent_igos)]
        agent_countries = {a.country for a in agents if a.country}
        if len(agent_countries) > 1:
            # "the two governments signed an agreement with South Korea": a party cannot also be the other side.
            recipients = [r for r in recipients if r.country not in agent_countries]
        effects = set((cls.explain or {}).get("effects") or ())
        modality = modality_of(sdoc, frame.trigger, negation_in_type="negate" in effects)
        if cls.plover == "REJECT" and "negate" in effects and modality.value == "future":
            modality = Modality("asserted", modality.cue)   # "will not accept any tutelage": refused now
        if (cls.plover == "THREATEN" and effects & {"conditional", "future"} or cls.plover == "REQUEST"
                and "obliged" in effects and frame.agent_via == "reporter") and modality.value in ("hypothetical", "future"):
            # "may halt mediation if ...", "will boycott unless ...", "said Libya must hand over ...": the threat
            # or the demand itself is made now.
            modality = Modality("asserted", modality.cue)
        pattern = (cls.explain or {}).get("pattern") or ""
        if pattern[2:] in frame_lexicon()["consequence_objects"] and frame.target_via != "consequence-subject":
            return None     # "Seoul would pay a dear price" is a threat by whoever says so, or nothing
        if lemma in frame_lexicon()["threat_if_future"] and pattern == f"V:{lemma}":
            # "would respond firmly", said or quoted, is a threat made now; "responded to the sanctions" is no event
            # of its own, and neither is the writer's "if Iran attacks, the United States will respond"
            if modality.value not in ("future", "hypothetical") or not (
                    said(tok) or self._quote_id(quotes, tok.idx) is not None):
                return None
            modality = Modality("asserted", modality.cue)
        if frame.target_via == "consequence-subject":
            modality = Modality("asserted", modality.cue)   # the warning is given now, whatever it foretells
        # (the act itself, not a pledge or a call to do it: "pledged to cooperate with Jakarta" is Malaysia's pledge)
        partner = cls.plover in RECIPROCAL_TYPES and frame.target_via.endswith("prep:with") \
            and not (cls.explain or {}).get("effects") and _one_phrase(sdoc, frame.targets)
        if (cls.cameo in RECIPROCAL_CODES or partner) and modality.value == "asserted" and recipients:
            # A meeting, call or negotiation that took place is mutual (PLOVER), and so is agreeing or working
            # with a partner ("agreed with Trudeau on armored vehicles"): all parties are actors and there is no
            # recipient. Visits and hosting keep their direction.
            agents, recipients = agents + [r for r in recipients if r not in agents], []
        sent = doc.sentence_of(tok.idx)
        s_start, s_end = doc.sentences[sent] if doc.sentences else (0, len(doc.text))
        info = self.ontology.cameo(cls.cameo)
        mode = cls.mode
        explain = None
        if self.explain:
            explain = dict(cls.explain or {})
            explain.update(frame=frame.kind, agent_via=frame.agent_via, target_via=frame.target_via,
                           modality_cue=modality.cue)
        return Event(
            id=f"{doc.id}:{sent}:{n}", sentence=sent, span=(s_start, s_end),
            trigger=Trigger(tok.text, (tok.idx, tok.idx + len(tok.text))),
            actor=agents, recipient=recipients,
            plover={"type": cls.plover, "mode": mode, "context": list(cls.context or [])},
            cameo={"code": cls.cameo, "root": cls.cameo[:2], "name": info.name if info else None},
            quad_class=info.quad_class if info else None, goldstein=info.goldstein if info else None,
            plover_score=self.ontology.plover_score(cls.plover, mode),
            modality=modality.value, quote_id=self._quote_id(quotes, tok.idx),
            confidence=round(float(cls.confidence) * self._actor_conf(agents + recipients), 3),
            explain=explain,
        )

    def _order_to_another(self, frame: Frame, cls):
        """"The World Court ordered Israel to prevent acts of genocide": an order to another state or organisation
        is a demand (REQUEST), whatever it orders; an order to one's own forces or police keeps its act."""
        if "order" not in ((cls.explain or {}).get("effects") or ()):
            return cls
        own = {m.actor.country for m in frame.agents if m.actor.country}
        if not any((m.actor.country and m.actor.country not in own or m.actor.igo) and m.actor.sector in (None, "GOV")
                   for m in frame.targets):
            return cls
        if (cls.explain or {}).get("pattern") in ORDERED_DEPARTURES:
            # "ordered the immediate departure of diplomatic personnel from Argentina": an expulsion
            info = self.ontology.cameo(EXPEL_CODE)
            return replace(cls, plover="SANCTION", cameo=EXPEL_CODE, mode=info.plover_mode if info else None,
                           explain={**(cls.explain or {}), "order": "another state's people ordered out: expelled"})
        if cls.plover == "REQUEST":
            return cls
        info = self.ontology.cameo("100")
        return replace(cls, plover="REQUEST", cameo="100", mode=info.plover_mode if info else None,
                       explain={**(cls.explain or {}), "order": "an order to another state is a demand"})

    def _crowd_protest(self, sdoc, frame: Frame, cls):
        """"Crowds gathered in Kinshasa", "protesters massed outside the ministry": civilians coming together
        protest; the same verbs of officials or troops meet or mobilise."""
        from heron.events.targets import frame_lexicon

        if cls.plover not in ("CONSULT", "MOBILIZE", "COOPERATE") \
                or sdoc[frame.trigger].lemma_.lower() not in frame_lexicon()["crowd_verbs"]:
            return cls
        if not frame.agents or not all(m.actor.sector in CIVILIAN_SECTORS for m in frame.agents):
            return cls
        info = self.ontology.cameo("141")
        return replace(cls, plover="PROTEST", cameo="141", mode=info.plover_mode if info else None,
                       explain={**(cls.explain or {}), "crowd": "civilians coming together protest"})

    @staticmethod
    def _quote_id(quotes: tuple[list[int], list], char: int) -> str | None:
        """The direct quote a character sits in (quotes are found in text order and do not nest)."""
        starts, direct = quotes
        i = bisect_right(starts, char) - 1
        return direct[i].id if i >= 0 and char < direct[i].span[1] else None

    @staticmethod
    def _actor_conf(actors: list[Actor]) -> float:
        confs = [a.confidence for a in actors if a.confidence is not None]
        return min(confs) if confs else 1.0

    @staticmethod
    def _token_range(sdoc, m: Mention) -> tuple[int, int]:
        span = sdoc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        return (span.start, span.end) if span is not None else (m.head, m.head + 1)

    @staticmethod
    def _headline_once(doc: Document, events: list[Event]) -> list[Event]:
        """A headline tells the lead's news again: its event is the body's, not a second one (the body event
        notes it). A headline event the body does not tell is kept, a little less sure."""
        if doc.layout is None or doc.layout.headline is None and not any(b.role == "heading" for b in doc.layout.blocks):
            return events

        def dyad(e):
            return (tuple(sorted(a.country or a.igo or "" for a in e.actor)),
                    tuple(sorted(a.country or a.igo or "" for a in e.recipient)), e.plover["type"])

        heading = [e for e in events if doc.layout.role_at(e.trigger.span[0]) == "heading"]
        body = {dyad(e): e for e in events if doc.layout.role_at(e.trigger.span[0]) != "heading"}
        for e in heading:
            told = body.get(dyad(e))
            if told is not None:
                if told.explain is not None:
                    told.explain["also_in_headline"] = e.trigger.text
            else:
                e.confidence = round(e.confidence * 0.8, 3)
        dropped = {id(e) for e in heading if dyad(e) in body}
        return [e for e in events if id(e) not in dropped]

    @staticmethod
    def _dedup(doc: Document, events: list[Event]) -> list[Event]:
        """One event per sentence, dyad and type: keep the most confident (a verb beats its own noun)."""
        best: dict[tuple, Event] = {}
        for e in events:
            key = (e.sentence, tuple(sorted(a.country or a.igo or "" for a in e.actor)),
                   tuple(sorted(a.country or a.igo or "" for a in e.recipient)), e.plover["type"], e.modality)
            if key not in best or e.confidence > best[key].confidence:
                best[key] = e
        kept = sorted(best.values(), key=lambda e: e.trigger.span[0])
        kept = EventExtractor._headline_once(doc, kept)
        for n, e in enumerate(kept):
            e.id = f"{doc.id}:{e.sentence}:{n}"
        return kept
