"""The `grade` command's class options: `--roster`, `--course`, `--lms-gradebook` read before
grading (a usage error stops the run at once), the class's gradebook written after it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from grader import classbook, lms
from grader.course import Course, read_course
from grader.errors import PathNotFound
from grader.messages import say
from grader.progress import printable
from grader.roster import Roster, read_roster


@dataclass(frozen=True)
class ClassInput:
    roster: Roster | None
    course: Course | None
    gradebook: Path | None


def load(roster: str | None, course: str | None, gradebook: str | None, lang: str = "en") -> ClassInput | None:
    """The class files named on the command line (None when none is)."""
    if not (roster or course or gradebook):
        return None
    if gradebook and not Path(gradebook).is_file():
        raise PathNotFound(gradebook)
    if gradebook:
        lms.check(Path(gradebook), lang)
    return ClassInput(read_roster(roster, lang) if roster else None, read_course(course, lang) if course else None,
                      Path(gradebook) if gradebook else None)


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
