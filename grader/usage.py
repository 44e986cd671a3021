"""Command line: the argument parser of every `grade` verb, in the command line's language
(`--lang`, else the locale): its help, and its refusals (argparse's own, such as an invalid
choice), which are UsageErrors that `grade` says in that language too."""

from __future__ import annotations

import argparse
import sys

from grader.errors import ArgumentProblem
from grader.messages import LANGS, lang_from_environment, say


def lang_of(argv: list[str]) -> str:
    """The language a command line asks for (`--lang ko`, `--lang=ko`), else the locale's."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("=")[2] \
            if arg.startswith("--lang=") else None
        if value in LANGS:
            return value
    return lang_from_environment()


class Parser(argparse.ArgumentParser):
    """argparse.ArgumentParser whose help is in `lang` (help texts: `help(key)`), and which prints
    its usage line and raises ArgumentProblem instead of exiting: grader/cli.py's main says the
    problem in `--lang` and exits with status 2."""

    def __init__(self, prog: str, description_key: str, lang: str) -> None:
        super().__init__(prog=prog, description=say(description_key, lang), add_help=False)
        self.lang = lang
        self._positionals.title = say("help.positionals", lang)
        self._optionals.title = say("help.options", lang)
        self.add_argument("-h", "--help", action="help", help=say("help.help", lang))

    def help(self, key: str, **values) -> str:
        """The help text `key` in this parser's language (argparse's own % signs escaped)."""
        return say(key, self.lang, **values).replace("%", "%%")

    def format_usage(self) -> str:
        return self._localized(super().format_usage())

    def format_help(self) -> str:
        return self._localized(super().format_help())

    def _localized(self, text: str) -> str:
        english = "usage: "
        return say("help.usage", self.lang) + text[len(english):] if text.startswith(english) else text

    def error(self, message: str):
        self.print_usage(sys.stderr)
        raise ArgumentProblem(message)
