"""The `grade` command's class options: `--roster`, `--course`, `--lms-gradebook` read before
grading (a usage error stops the run at once), the class's gradebook written after it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from grader import classbook, lms
from grader.course import Course, read_course
from grader.errors import PathNotFound, UsageError
from grader.messages import say
from grader.progress import printable
from grader.roster import Roster, read_roster


@dataclass(frozen=True)
class ClassInput:
    roster: Roster | None
    course: Course | None
    gradebook: Path | None


def load(roster: str | None, course: str | None, gradebook: str | None, lang: str = "en",
         known: Iterable[str] | None = None) -> ClassInput | None:
    """The class files named on the command line (None when none is). `known`: the assignments
    the grader has; a course file naming another (a typo) is a usage error."""
    if not (roster or course or gradebook):
        return None
    if gradebook and not Path(gradebook).is_file():
        raise PathNotFound(gradebook)
    if gradebook:
        lms.check(Path(gradebook), lang)
    read = read_course(course, lang) if course else None
    if read is not None and known is not None:
        _check_names(read, course, sorted(known), lang)
    return ClassInput(read_roster(roster, lang) if roster else None, read, Path(gradebook) if gradebook else None)


def _check_names(course: Course, file: str, known: list[str], lang: str) -> None:
    """A deadline or LMS column for an assignment the grader does not have: its real one would be
    graded without a deadline (no late penalty) and grades.csv would gain a column of zeros."""
    for name in sorted(set(course.deadlines) | set(course.columns) | set(course.named)):
        if name not in known:
            raise UsageError(say("course.unknown_assignment", lang, file=file, name=name, known=", ".join(known)))


def build(given: ClassInput | None, results, submissions: Sequence, lang: str = "en") -> classbook.Classbook | None:
    if given is None:
        return None
    return classbook.build(results, submissions, given.roster, given.course, lang)


def finish(out: Path, given: ClassInput | None, book: classbook.Classbook | None, lang: str = "en",
           submissions: Sequence = ()) -> None:
    """Write the class's gradebook files and the filled LMS gradebook; print every problem
    (without class files, the layouts' metadata problems)."""
    if given is None or book is None:
        problems = classbook.layout_problems(submissions, lang)
    else:
        classbook.write(out, book)
        problems = list(book.problems)
        if given.gradebook is not None:
            problems += lms.fill(given.gradebook, book, given.course.columns if given.course else {}, out, lang)[1]
    for problem in problems:
        print(printable(say("class.problem", lang, problem=problem)), file=sys.stderr, flush=True)
