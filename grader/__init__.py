"""cnn-grader: grades CNN homework notebooks outside the student's kernel.

`from grader import check` is all a student's notebook imports: the engine is loaded by
`check()` itself, in a subprocess (see grader/selfcheck.py).
"""

__version__ = "0.1.0"


def check(name=None, assignment=None, lang=None) -> None:
    """Check the public cases of graded `name` (e.g. "conv_forward_naive"; every graded name of
    the notebook's assignment when None) on the code run so far in this kernel, in a fresh
    kernel, and print the verdicts in `lang` ("en" or "ko"; default: the locale's)."""
    from grader.selfcheck import check as run_check  # light until called

    return run_check(name, assignment=assignment, lang=lang)
