"""Message catalogue: every sentence a student or TA reads, by key, in one place.

English only for now; other languages add a table with the same keys.
"""

from __future__ import annotations

MESSAGES = {
    "en": {
        "pass": "matches the reference (rel_error {rel:.1e}, tolerance {tol:.0e})",
        "pass_many": "{names} match the reference (largest rel_error {rel:.1e}, tolerance {tol:.0e})",
        "shape": "`{out}` has shape {got}, expected {expected}",
        "not_finite": "`{out}` contains {what} at index {index}",
        "values": ("`{out}` differs from the reference: rel_error {rel:.2e} (tolerance {tol:.0e}); "
                   "the largest error, {abs:.3g}, is at index {index}, where you returned "
                   "{got:.6g} and the reference gives {expected:.6g}"),
        "complex": "`{out}` holds complex numbers, expected real ones",
        "float32": "; `{out}` is {dtype}: compute in float64, as the inputs are",
        "missing": "`{function}` is not defined in the notebook",
        "not_callable": "`{function}` is a {got}, not a function",
        "raised": "`{function}` raised {ename}: {evalue}",
        "arity": "`{function}` returned {got}, expected a tuple ({expected})",
        "type": "`{function}` returned {got} as `{output}`, expected a NumPy array of numbers",
        "timeout": "`{function}` did not finish within {timeout:g} s; the kernel was stopped",
        "died": "the kernel died while running `{function}` (for example os._exit or a crash)",
        "unsafe": "what your code returned could not be accepted as plain data: {reason}",
        "harness": ("the grader's probe could not run in your kernel ({ename}: {evalue}); "
                    "does the notebook replace a builtin?"),
        "forward_stage": " (while calling `{function}` to get the cache for `{graded}`)",
        "not_run": "not run: {reason}",
        "restarts_exhausted": "the kernel was restarted {count} times, the most allowed",
        "kernel_failed": "the grading kernel failed: {reason}",
    },
}


def say(key: str, lang: str = "en", **values) -> str:
    """The message `key` in `lang` (English when that language lacks it), filled in."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table.get(key, MESSAGES["en"][key]).format(**values)
