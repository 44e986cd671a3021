"""Message catalogue: every sentence a student or TA reads, by key, in English and Korean.

`en.py` and `ko.py` hold one table each with exactly the same keys and placeholders (a unit
test pins that). The language is passed along explicitly (`lang`), never kept globally.
"""

from __future__ import annotations

import os
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
