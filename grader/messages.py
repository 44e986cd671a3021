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
        "forbidden": ("`{function}` uses {got}, which this assignment does not allow inside graded "
                      "functions: write it with NumPy"),
        "not_integer": "`{function}` is {got}, expected an integer count",
        "not_module": "`{function}` is a {got}, expected a subclass of torch.nn.Module",
        "params_pass": "{cls}({n}) has {count:,} parameters, as expected",
        "params_wrong": "{cls}({n}) has {count:,} parameters, expected {expected:,} ({diff:+,})",
        "shape_pass": "{who} gives output shape {shape}, as expected",
        "shape_wrong": "{who} gives output shape {got}, expected {expected}",
        "layers_pass": "all {count} Conv2d/Linear/BatchNorm layers match the reference, in execution order",
        "layers_crash": "the {count} layers that ran match, then forward raised {ename}: {evalue}",
        "layers_wrong": "layer {row} ({type}) differs: {what}",
        "layers_missing": "layer {row} is missing: the reference has {text}",
        "layers_extra": "layer {row} is extra: {text}",
        "layers_then_crash": "; then forward raised {ename}: {evalue}",
        "transplant": ("the reference weights do not fit: Conv2d/Linear layer {layer} has weight shape "
                       "{got}, the reference {expected}"),
        "forward_pass": "with the same weights, the output matches the reference (error {err:.1e}, tolerance {tol:.0e})",
        "forward_wrong": ("with the same weights, the output differs from the reference: error {err:.2e} "
                          "(tolerance {tol:.0e}), largest at index {index}, where your model gives "
                          "{got:.6g} and the reference {expected:.6g}"),
        "variable_pass": "`{name}` = {value:,} is right",
        "variable_wrong": "`{name}` = {value:,} is not the right count of weights plus biases",
        "not_callable": "`{function}` is a {got}, not a function",
        "raised": "`{function}` raised {ename}: {evalue}",
        "arity": "`{function}` returned {got}, expected a tuple ({expected})",
        "type": "`{function}` returned {got} as `{output}`, expected a NumPy array of numbers",
        "timeout": "`{function}` did not finish within {timeout:g} s; the kernel was stopped",
        "died": "the kernel died while running `{function}` (for example os._exit, a crash, or memory exhausted)",
        "output_limit": "`{function}` printed more than the output limit; the kernel was stopped",
        "unsafe": "what `{function}` returned could not be accepted as plain data: {reason}",
        "harness": ("the grader's probe of `{function}` could not run in your kernel ({ename}: {evalue}); "
                    "does the notebook replace a builtin?"),
        "forward_stage": " (while calling `{function}` to get the cache for `{graded}`)",
        "not_run": "not run: {reason}",
        "not_again": "not run: `{function}` already failed on {first} ({what})",
        "restarts_exhausted": "the kernel was restarted {count} times, the most allowed",
        "kernel_failed": "the grading kernel failed: {reason}",
    },
}


def say(key: str, lang: str = "en", **values) -> str:
    """The message `key` in `lang` (English when that language lacks it), filled in."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table.get(key, MESSAGES["en"][key]).format(**values)
