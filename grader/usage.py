"""Command line: the argument parser of every `grade` verb, whose refusals (argparse's own, such
as an invalid choice) are UsageErrors that `grade` says in the command line's language."""

from __future__ import annotations

import argparse
import sys

from grader.errors import ArgumentProblem


class Parser(argparse.ArgumentParser):
    """argparse.ArgumentParser that prints its usage line and raises ArgumentProblem instead of
    exiting: grader/cli.py's main says the problem in `--lang` and exits with status 2."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        raise ArgumentProblem(message)
