"""Message catalogue: every sentence a student or TA reads, by key, in English and Korean.

`en.py` and `ko.py` hold one table each with exactly the same keys and placeholders (a unit
test pins that). The language is passed along explicitly (`lang`), never kept globally.
"""

from __future__ import annotations

import os
import re
from typing import Mapping

from grader.messages import en, ko

MESSAGES = {"en": en.MESSAGES, "ko": ko.MESSAGES}
LANGS = tuple(MESSAGES)
DEFAULT_LANG = "en"


def say(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The message `key` in `lang`, filled in with `values`."""
    return MESSAGES[lang if lang in MESSAGES else DEFAULT_LANG][key].format(**values)


def has(key: str) -> bool:
    """Whether the catalogue defines `key` (in every language, since the tables agree)."""
    return key in MESSAGES[DEFAULT_LANG]


def lang_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """"ko" when the locale (LC_ALL, LC_MESSAGES, then LANG: the first one set) is Korean."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return DEFAULT_LANG


def say_again(text: str, keys: tuple[str, ...], lang: str) -> str:
    """`text`, an English sentence made from one of `keys`, said in `lang` (the placeholders read
    back from `text`); `text` itself when no key made it (e.g. a result from an older grader)."""
    for key in keys:
        parts = re.split(r"\{(\w+)\}", MESSAGES[DEFAULT_LANG][key])
        pattern = "".join(f"(?P<{p}>.+?)" if i % 2 else re.escape(p) for i, p in enumerate(parts))
        found = re.fullmatch(pattern, text)
        if found:
            return say(key, lang, **found.groupdict())
    return text
