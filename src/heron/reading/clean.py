"""Characters no text field may carry, removed with a warning that says what was removed.

* C0 control characters other than tab, line feed and carriage return (NUL, BEL, ESC, ...): they
  are never part of news text, a PostgreSQL text column cannot hold NUL, and terminals act on ESC.
* Lone UTF-16 surrogates (a JSON string may spell one, ``"\\ud800"``): they are not characters and
  cannot be written as UTF-8, so the first output or store write would fail. Each becomes U+FFFD.

Offsets in the coded document are those of the cleaned text, which is the text heron outputs.
"""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_field(name: str, value: str) -> tuple[str, list[str]]:
    """`value` without control characters and lone surrogates, and a warning for each kind removed."""
    warnings = []
    controls = _CONTROL.findall(value)
    if controls:
        kinds = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(controls))[:5])
        value = _CONTROL.sub("", value)
        warnings.append(f"removed {len(controls)} control character{'s' * (len(controls) > 1)} ({kinds}) "
                        f"from '{name}'")
    surrogates = len(_SURROGATE.findall(value))
    if surrogates:
        value = _SURROGATE.sub(REPLACEMENT, value)
        warnings.append(f"replaced {surrogates} lone surrogate{'s' * (surrogates > 1)} (not Unicode characters) "
                        f"in '{name}' with U+FFFD")
    return value, warnings
