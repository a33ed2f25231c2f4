"""Stage *events*: predicate frames from the parse, coded in PLOVER and CAMEO by a lexicon with a learned back-off.
Adds ``Document.events``: actor, recipient, PLOVER type, CAMEO code, Goldstein, modality, trigger, confidence.
"""
