"""English messages. Keys and {placeholders} must match ko.py exactly."""

CHECKS = {
    "pass": "matches the reference (rel_error {rel:.1e}, tolerance {tol:.0e})",
    "pass_one": "`{out}` matches the reference (rel_error {rel:.1e}, tolerance {tol:.0e})",
    "pass_many": "{names} match the reference (largest rel_error {rel:.1e}, tolerance {tol:.0e})",
    "shape": "`{out}` has shape {got}, expected {expected}",
    "not_finite": "`{out}` contains {what} at index {index}",
    "nan": "NaN",
    "infinity": "infinity",
    "values": ("`{out}` differs from the reference: rel_error {rel:.2e} (tolerance {tol:.0e}); "
               "the largest error, {abs:.3g}, is at index {index}, where you returned "
               "{got:.6g} and the reference gives {expected:.6g}"),
    "complex": "`{out}` holds complex numbers, expected real ones",
    "float32": "; `{out}` is {dtype}: compute in float64, as the inputs are",
    "missing": "`{function}` is not defined in the notebook",
    "forbidden": ("`{function}` uses {got}, which this assignment does not allow inside graded "
                  "functions: write it with NumPy"),
    "output_limit": "`{function}` printed more than the output limit; the kernel was stopped",
    "not_integer": "`{function}` is {got}, expected an integer count",
    "not_module": "`{function}` is a {got}, expected a subclass of torch.nn.Module",
    "params_pass": "{cls}({n}) has {count:,} parameters, as expected",
    "params_wrong": "{cls}({n}) has {count:,} parameters, expected {expected:,} ({diff:+,})",
    "shape_pass": "{who} gives output shape {shape}, as expected",
    "shape_wrong": "{who} gives output shape {got}, expected {expected}",
    "layers_pass": "all {count} Conv2d/Linear/BatchNorm layers match the reference, in execution order",
    "layers_crash": "the {count} layers that ran match, then forward raised {ename}: {evalue}",
    "layers_wrong": "layer {row} ({type}) differs: {what}",
    "layers_key": "{field} {got}, expected {expected}",
    "layers_missing": "layer {row} is missing: the reference has {text}",
    "layers_extra": "layer {row} is extra: {text}",
    "layers_then_crash": "; then forward raised {ename}: {evalue}",
    # the students' distribution: judged against a lock, so the expected value is never shown
    "params_locked": "{cls}({n}) has {count:,} parameters, which is not the expected count",
    "shape_locked": "{who} gives output shape {got}, which is not the expected shape",
    "layers_wrong_locked": "layer {row} ({type}) differs from the expected layer in: {what}",
    "layers_key_locked": "{field} (yours: {got})",
    "layers_missing_locked": ("layer {row} is missing: your model runs {count} Conv2d/Linear/BatchNorm "
                              "layers, fewer than expected"),
    "layers_row_matches": "matches",
    "layers_row_differs": "differs: {fields}",
    "layers_row_extra": "not expected (extra)",
    "layers_row_missing": "expected, missing in yours",
    "staff_judged": ("checked by the course staff: this check needs the reference solution, which the "
                     "student distribution leaves out; it is not counted in this score"),
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
    "memory_limit": ("`{function}` used more than {limit} MiB of memory (shared memory and /tmp files included), "
                     "the kernel's own limit; the kernel was stopped"),
    "died": "the kernel died while running `{function}` (for example os._exit or a crash)",
    "unsafe": "what `{function}` returned could not be accepted as plain data: {reason}",
    "harness": ("the grader's probe of `{function}` could not run in your kernel ({ename}: {evalue}); "
                "does the notebook replace a builtin?"),
    "forward_stage": " (while calling `{function}` to get the cache for `{graded}`)",
    "not_run": "not run: {reason}",
    "not_again": "not run: `{function}` already failed on {first} ({what})",
    "restarts_exhausted": "the kernel was restarted {count} times, the most allowed",
    "kernel_failed": "the grading kernel failed: {reason}",
}

# Diagnoses: "title.<id>" is the short name the dashboard counts, "diag.<id>" the hint.
DIAGNOSES = {
    "title.conv_forward.flipped_kernel": "Kernel flipped (a true convolution)",
    "diag.conv_forward.flipped_kernel": (
        "`{out}` matches a convolution with the kernel flipped (rotated by 180°). A CNN layer "
        "computes a cross-correlation: slide w[f] over the padded input as it is, unflipped."),
    "title.conv_forward.no_bias": "Bias left out",
    "diag.conv_forward.no_bias": (
        "`{out}` matches the reference without the bias: add b[f] at every output position of "
        "filter f."),
    "title.conv_forward.no_padding": "Padding ignored",
    "diag.conv_forward.no_padding": (
        "`{out}` matches the convolution of the unpadded input: pad x with `pad` zeros on each "
        "side of H and W (np.pad) before sliding the kernel, and use H + 2·pad in the output size."),
    "title.conv_forward.no_stride": "Stride ignored",
    "diag.conv_forward.no_stride": (
        "`{out}` matches a convolution with stride 1: move the window by `stride` pixels "
        "(rows i·stride, columns j·stride) and use H' = 1 + (H + 2·pad − HH) // stride."),
    "title.conv_forward.channels_last": "Output axes in the order (N, H', W', F)",
    "diag.conv_forward.channels_last": (
        "`{out}` holds the right numbers laid out as (N, H', W', F): return (N, F, H', W'), "
        "moving the axis with transpose(0, 3, 1, 2), not with reshape."),
    "title.conv_forward.reshape_mixes_axes": "Axes mixed up by a reshape",
    "diag.conv_forward.reshape_mixes_axes": (
        "`{out}` holds the right numbers computed as (F, N, H', W') and then reshaped to "
        "(N, F, H', W'): reshape does not move axes; transpose(1, 0, 2, 3) does."),
    "title.conv_forward.kernel_hw_swapped": "Kernel height and width swapped",
    "diag.conv_forward.kernel_hw_swapped": (
        "`{out}` matches the kernel with its height and width swapped (w[f, c, l, k] instead "
        "of w[f, c, k, l]): w has shape (F, C, HH, WW)."),
    "title.conv_backward.pad_not_cropped": "dx not cropped to the unpadded input",
    "diag.conv_backward.pad_not_cropped": (
        "`{out}` is the gradient of the padded input: cut the padding off with "
        "dx_pad[:, :, pad:pad + H, pad:pad + W]."),
    "title.conv_backward.crop_empty_at_pad_0": "Cropped with pad:-pad, empty when pad is 0",
    "diag.conv_backward.crop_empty_at_pad_0": (
        "`{out}` is cropped with dx_pad[:, :, pad:-pad, pad:-pad], which is empty when pad = 0 "
        "(-0 is 0): crop with pad:pad + H and pad:pad + W instead."),
    "title.conv_backward.db_averaged": "db averaged instead of summed",
    "diag.conv_backward.db_averaged": (
        "`{out}` is an average of dout instead of its sum: b[f] is used at every position of "
        "every sample, so db[f] = dout[:, f].sum()."),
    "title.conv_backward.dw_overwritten": "dw overwritten instead of accumulated",
    "diag.conv_backward.dw_overwritten": (
        "`{out}` holds only the last window's contribution: each weight is used at every "
        "position of every sample, so add them up with dw[f] += ... instead of assigning."),
    "title.conv_backward.dx_overwritten": "dx overwritten where windows overlap",
    "diag.conv_backward.dx_overwritten": (
        "`{out}` keeps only the last contribution where windows or filters overlap: "
        "accumulate with dx_pad[...] += ... instead of assigning."),
    "title.max_pool_backward.overwritten": "Max-pool gradient overwritten where windows overlap",
    "diag.max_pool_backward.overwritten": (
        "`{out}` loses gradient where pooling windows overlap: an input that is the maximum of "
        "several windows gets the sum of their gradients, so accumulate with += ."),
    "title.max_pool_backward.spread_ties": "Max-pool gradient copied to every tied maximum",
    "diag.max_pool_backward.spread_ties": (
        "`{out}` gives the whole gradient to every position that ties for a window's maximum "
        "(a mask x == max): give it to one position only, the first maximum, as np.argmax does."),
    "title.alexnet_params.no_bias": "Biases left out",
    "diag.alexnet_params.no_bias": (
        "`{name}` = {got} counts the weights only: add the biases, one per output channel "
        "or unit."),
    "title.alexnet_params.grouped": "Two-GPU grouped convolution counted",
    "diag.alexnet_params.grouped": (
        "`{name}` = {got} is the count of the two-GPU AlexNet, where this layer sees only half "
        "of its input channels (groups=2); count the ungrouped layer, which sees all of them."),
    "title.alexnet_params.output_size": "Output size instead of parameter count",
    "diag.alexnet_params.output_size": (
        "`{name}` = {got} is the size of the layer's output ({shape}), not its parameters: "
        "count the weights (kernel height × width × input channels × filters for a "
        "convolution, inputs × outputs for a fully connected layer) plus the biases; a "
        "pooling layer has none (0)."),
    "title.alexnet_params.wrong_classes": "Wrong number of classes",
    "diag.alexnet_params.wrong_classes": (
        "`{name}` = {got} is the count for {classes} classes: AlexNet on ImageNet has 1000."),
    "title.alexnet_params.torchvision": "torchvision's AlexNet counted",
    "diag.alexnet_params.torchvision": (
        "`{name}` = {got} is the count of torchvision's AlexNet (64-192-384-256-256 "
        "channels), not of the paper's network."),
    "title.model.batchnorm_added": "BatchNorm added",
    "diag.model.batchnorm_added": (
        "Your model matches the reference with BatchNorm after {layers}: the paper's AlexNet "
        "has no BatchNorm (it came in 2015); remove it."),
    "title.model.grouped": "Two-GPU grouped convolutions",
    "diag.model.grouped": (
        "Your model matches the two-GPU AlexNet with groups=2 in conv2, conv4 and conv5; build "
        "the ungrouped network (groups=1)."),
    "title.model.wrong_classes": "Number of classes fixed",
    "diag.model.wrong_classes": (
        "Your model has {got} outputs when built for {asked} classes: give the last Linear "
        "layer the constructor's n_classes instead of a fixed number."),
    "title.model.fc1_inputs": "Feature map before FC1 has another size",
    "diag.model.fc1_inputs": (
        "The count matches the reference with FC1 taking {got:,} inputs instead of "
        "{expected:,}: a padding or stride earlier changes the last feature map; the layers "
        "check names the layer."),
    "title.model.padding_differs": "A layer's padding differs",
    "diag.model.padding_differs": (
        "{layer} has padding {got} instead of {expected}; the rest of your model matches the "
        "reference built with that padding ({layer} then gives {shape} instead of {ref_shape})."),
    "title.model.stride_differs": "A layer's stride differs",
    "diag.model.stride_differs": (
        "{layer} has stride {got} instead of {expected}; the rest of your model matches the "
        "reference built with that stride ({layer} then gives {shape} instead of {ref_shape})."),
    "title.model.softmax_output": "Softmax on the output",
    "diag.model.softmax_output": (
        "Your output is the softmax of the reference logits: return the logits themselves "
        "(nn.CrossEntropyLoss applies log-softmax on its own)."),
    "title.model.log_softmax_output": "log_softmax on the output",
    "diag.model.log_softmax_output": (
        "Your output is log_softmax of the reference logits: return the logits themselves "
        "(nn.CrossEntropyLoss applies log-softmax on its own)."),
    "title.model.missing_activation": "Activation missing after a layer",
    "diag.model.missing_activation": (
        "Your output matches the reference without the ReLU after {layer}: add it."),
    "title.none": "No known mistake",
    "title.none.border": "Errors only at the border (padding)",
}

WHERE = {
    "where.none": "No known mistake matches `{out}`.",
    "where.none_shape": "No known mistake gives `{out}` the shape {got}.",
    "where.none_value": "No known mistake gives `{name}` = {got}.",
    "where.none_model": "No known mistake matches your model's {what}.",
    "where.what.param_count": "parameter count",
    "where.what.output_shape": "output shape",
    "where.what.layers": "layers",
    "where.what.forward": "output",
    "where.zeros": " `{out}` is all zeros: does the function compute it yet?",
    "where.border": (" Its errors all lie within {band} pixel(s) of the image border and the "
                     "inside is right: a padding problem."),
    "where.sample": " {share:.0%} of the error is in sample {index} (axis 0).",
    "where.channel": " {share:.0%} of the error is in channel {index} (axis 1).",
    "where.worst": " Largest errors: {entries}.",
    "where.entry": "{index} yours {got:.4g}, reference {expected:.4g}",
    "where.map_alt": "error map of {out}: |yours − reference| per channel, largest over axis 0",
}

REPORT = {
    "report.isolation": "isolation",
    "report.unknown_assignment": "unknown assignment",
    "report.points": "points",
    "report.notebook": "notebook",
    "report.status": "status",
    "report.graded": "graded",
    "report.graded_value": "cnn-grader {version}, {seconds:.1f} s",
    "report.checks": "Checks",
    "report.check": "check",
    "report.what": "what was found",
    "report.public": "public",
    "report.likely": "Likely mistake",
    "report.no_match": "No known mistake",
    "report.maps": "where the error is (darker = larger)",
    "report.your_layer": "your layer",
    "report.reference": "reference",
    "report.locked_layer": "against the expected layer",
    "report.staff_note": ("Graded by the student distribution: answers are checked against PyTorch's own "
                          "operations and locked expectations, which are never shown. Checks marked "
                          "“checked by staff” are graded by the course staff when you hand in; they are "
                          "not counted in the score above."),
    "report.traceback": "your traceback",
    "report.cells": "Notebook cells that did not run cleanly",
    "report.cells_note": ("Every cell runs, errors allowed; a cell that hangs or kills the kernel "
                          "is skipped when the notebook is run again."),
    "report.code_cell": "code cell",
    "report.error": "error",
    "report.footer": ("Scores are computed outside your kernel, from plain data, against references "
                      "your code cannot read. Hidden cases are drawn for each submission from a secret kept by the course staff."),
    "status.pass": "pass",
    "status.fail": "fail",
    "status.error": "error",
    "status.timeout": "timeout",
    "status.staff": "checked by staff",
    "status.graded": "graded",
    "index.title": "Graded submissions",
    "index.summary": "{count} notebooks, cnn-grader {version}.",
    "index.skipped_count": "{count} files skipped (not notebooks, or links: see the list below).",
    "index.student": "student",
    "index.assignment": "assignment",
    "index.score": "score",
    "index.report": "report",
    "index.common": "Most common mistakes",
    "index.common_note": "Named by the grader's diagnosis of each failed check; a student counts once per mistake.",
    "index.mistake": "mistake",
    "index.students": "students",
    "index.checks": "checks",
    "index.all": "All submissions",
    "index.skipped": "Skipped files",
    "cli.staff_judged": "checked by the course staff when you hand in",
    "cli.staff_note": "{names}: checked by the course staff when you hand in, not counted in the score above",
    "cli.start": "grading {count} notebook(s) on {where}",
    "cli.where_workers": "{workers} worker(s), isolation {level}",
    "cli.where_dask": "Dask scheduler {address}",
    "cli.not_graded": "could not be graded: {message}",
    "cli.passes": "{passed}/{count} pass",
    "cli.not_passing": "   not passing: {which}",
    "cli.first_problem": "first problem: {id}: {message}",
    "cli.report": "report: {page}",
    "cli.done": ("done: {count} notebook(s), {graded} graded now and {reused} from the gradebook, {errors} could "
                 "not be graded, {skipped} file(s) skipped, in {clock}; reports in {out}/ (index.html, "
                 "results.json, grades.csv)"),
    "progress.error": "ERROR  {message}",
    "progress.first_problem": "  first problem: {id}: {message}",
    "progress.from_gradebook": "  (gradebook)",
    "progress.errors_one": "{count} error",
    "progress.errors_many": "{count} errors",
    "progress.all_done": "all done",
    "progress.eta_unknown": "time left unknown",
    "progress.eta": "{clock} left",
}

# check() in a student's notebook (grader/selfcheck.py, grader/check_cli.py)
SELFCHECK = {
    "check.running": ("checking {names} ({assignment}): the code you ran so far runs in a fresh kernel, "
                      "then the public cases…"),
    "check.summary": "{passed}/{count} public case(s) pass",
    "check.summary_practice": ("{passed}/{count} case(s) pass on practice inputs (it has no public case; "
                               "grading draws its own inputs)"),
    "check.raised_at": "raised at {where}",
    "check.hidden_note": "Hidden cases are checked only when the notebook is graded.",
    "check.cell_note": "note: replaying your code in a fresh kernel, In [{number}] did not run cleanly: {what}",
    "check.more_cells": "note: {count} more cell(s) did not run cleanly",
    "check.cell.timeout": "it ran out of time and was skipped",
    "check.cell.died": "the kernel died in it and it was skipped",
    "check.cell.skipped": "it was skipped",
    "check.not_graded": "could not check: {reason}",
    "check.failed": "the check could not run (exit status {code}):\n{stderr}",
    "check.interrupted": "check interrupted; its kernel was stopped",
    "check.unknown_name": "`{name}` is not a graded name{guess}. The graded names are:{listing}",
    "check.did_you_mean": " (did you mean `{guess}`?)",
    "check.ambiguous": ("`{name}` is graded in several assignments ({assignments}): say which one with "
                        "check(\"{name}\", assignment=...)"),
    "check.unknown_assignment": "unknown assignment `{assignment}`; known: {known}",
    "check.need_name": ("check() cannot tell which assignment this notebook is: give a graded name, e.g. "
                        "check(\"conv_forward_naive\"). The graded names are:{listing}"),
    "check.not_a_name": ("check() takes a graded name as a string, e.g. check(\"conv_forward_naive\"). "
                         "The graded names are:{listing}"),
    "check.no_ipython": ("check() works inside a Jupyter notebook (an IPython kernel); elsewhere, run "
                         "`grade NOTEBOOK` on the saved notebook"),
    "check.lang": "unknown language `{got}`; check() speaks {langs}",
}

MESSAGES = CHECKS | DIAGNOSES | WHERE | REPORT | SELFCHECK

# One verdict per graded name (grader/verdicts.py), model diagnoses reasoned from the layer
# tables (grader/diagnose/tables.py) and tied maxima in max-pool backward (grader/compare.py).
FEEDBACK = {
    "verdict.only_case": "its only case",
    "verdict.all_cases": "all {count} cases",
    "verdict.some_cases": "{count} of {total} cases ({cases})",
    "report.verdicts": "One verdict per graded name",
    "report.name": "graded name",
    "report.passing": "cases passing",
    "report.to_fix": "what to fix",
    "report.all_pass": "every case passes",
    "report.cases_of": "{passed}/{count} case(s) pass, points {score:.2f} / {max_score:g}",
    "report.cases_note": "Each graded name's cases, with their messages, error maps and worst entries, are folded below: open one to see them.",
    "report.this_case": "here",
    "report.your_code": "your `{name}` as it was graded (code cell {cell})",
    "report.marked_line": "line {line} marked: the likely mistake is there",
    "check.marked_line": "the likely mistake is at line {line} of In [{cell}]: {code}",
    "title.model.layer_added": "A layer added",
    "title.model.layer_removed": "A layer left out",
    "title.model.layer_changed": "A layer differs",
    "title.model.channels_differ": "A layer's channel count differs",
    "title.model.kernel_differs": "A layer's kernel size differs",
    "title.model.classes_ignored": "The class count is ignored",
    "table.row.Conv2d": "Conv2d({in_channels}, {out_channels}, kernel {kernel})",
    "table.row.Linear": "Linear({in_features}, {out_features})",
    "table.row.norm": "{type}({num_features}) (weight and bias)",
    "table.row.other": "{type}",
    "table.after": "{row} after {layer}",
    "table.before": "{row} before {layer}",
    "table.params": "{sign}{count:,} parameters = {rows}",
    "table.added": "{params}: the reference has no such layer, remove it.",
    "table.added_norm": "{params}: the paper's AlexNet has no BatchNorm (it came in 2015); remove it.",
    "table.removed": "{params} left out: the reference has this layer, add it.",
    "table.field.out_channels": "{got} filters instead of {expected}",
    "table.field.out_features": "{got} outputs instead of {expected}",
    "table.field.kernel_size": "kernel {got} instead of {expected}",
    "table.field.stride": "stride {got} instead of {expected}",
    "table.field.padding": "padding {got} instead of {expected}",
    "table.field.groups": "groups {got} instead of {expected}",
    "table.field.num_features": "{got} features instead of {expected}",
    "table.changed": "{layer} has {what}",
    "table.gives": ": it gives {shape} instead of {ref_shape}",
    "table.shifts": ", which shifts {next} ({field} {got} instead of {expected})",
    "table.params_delta": " ({sign}{count:,} parameters)",
    "table.classes_ignored": ("{layer} has {got} outputs although {cls}({asked}) was asked for: the classifier "
                              "ignores its class count; give the last Linear layer the constructor's argument."),
    "table.no_activation": ("Your model runs {layer} on values below zero, where the reference runs it on the "
                            "output of a ReLU: your model is without the ReLU after {before}; add it."),
    "table.count_norm": ("{params}: the count matches the reference with these BatchNorm layers added; the paper's "
                         "AlexNet has no BatchNorm, remove them."),
    "table.count_channels": "{layer} with {got} filters instead of {expected} gives exactly this count ({delta:+,} parameters).",
    "ties.note": (" Some windows have tied maxima: your gradient {how}. Max is not differentiable there, so any "
                  "subgradient is accepted: the whole gradient to one of the tied maxima, or (as CS231n's "
                  "checks accept) to each of them."),
    "ties.pass": "`{out}` is a correct gradient of the max pool.",
    "ties.one": "goes to one of them",
    "ties.all": "goes to each of them",
}
MESSAGES.update(FEEDBACK)

# Errors (grader/errors.py) and usage errors of `grade` and the checker, in the user's language.
ERRORS = {
    "error.path_not_found": "no such file or folder: {path}",
    "error.unknown_assignment": "unknown assignment {name}; known: {known}",
    "error.scheduler": "the Dask scheduler {address} cannot be used: {why}",
    "error.cluster_mismatch": ("the Dask worker {worker} {what}; install the same cnn-grader checkout on every "
                               "machine of the cluster"),
    "error.undetermined": ("unknown assignment: {path} has no grader metadata and its file name names no "
                           "assignment; pass --assignment NAME"),
    "error.workers": "--workers must be 1 or more, not {workers}",
    "error.memory": "--memory must be a positive number of GiB",
    "error.weak_isolation": ("only the {level} isolation level is available here (install bubblewrap for the "
                             "strongest); pass --allow-weak-isolation to grade a batch anyway"),
    "error.weak_warning": "warning: kernels run with weak isolation ({level})",
    "error.validate_needs_solutions": "grade validate needs the course staff's checkout (with solutions/)",
    "error.no_rubric": "{folder} holds no rubric.toml",
    "error.usage": "{prog}: error: {message}",
    "error.cannot_go_on": "{prog}: the grader cannot go on: {message}",
    "error.interrupted": ("grade: interrupted; graded notebooks are kept in the gradebook, run the same command "
                          "again to go on"),
    "error.no_graded_name": "{assignment} has no graded name {name}",
    "error.no_notebook": "no such notebook: {path}",
    "reason.count_not_int": "the parameter count read back is not an integer",
    "reason.table_malformed": "the layer table read back is malformed",
    "reason.value_not_int": "the value read back is not an integer",
    "reason.report_malformed": "the report read back is malformed ({why})",
    "validate.ok": "the assignment is valid",
    "validate.not_ok": "the assignment is NOT valid",
}
MESSAGES.update(ERRORS)
# grade review (grader/review): the staff's application, and a TA's decisions on students' pages
REVIEW = {
    "review.check_points": "Points set by {by} ({at}); the automatic score was {auto:g}",
    "review.comment_by": "Comment from {by} ({at})",
    "review.by_hand": "Reviewed by hand",
    "review.auto_total": "A TA changed the points: automatic score {auto:.2f}, final score {score:.2f}.",
    "review.item": "item",
    "review.comment": "comment",
    "review.needs_review": "needs review",
    "review.adjustment": "Adjustment by {by} ({at}): {points:+g} points",
    "review.forbidden": ("{status}: refused. Open the address `grade review` printed, with its token; "
                         "a change needs the page's own form."),
    "review.not_found": "{status}: no such page in this review",
    "review.failed": "{status}: the request failed",
    "review.bad_number": "`{got}` is not a number of points",
    "review.out_of_range": "{got} is out of range: give a value from {low:g} to {high:g}",
    "review.too_long": "the comment is longer than {limit} characters",
    "review.need_name": "give your name at the top of the page first: every decision is kept with who made it",
    "review.empty": "nothing to save: give points or a comment (Withdraw removes a decision)",
    "review.gone": "this submission or item is no longer in the folder's last run; the page shows the current one",
    "review.saved": "saved: {item}; the reports, results.json and grades.csv are rewritten",
    "review.stale": ("not saved: {by} saved this item after you opened the page (now version {version}). "
                     "The page shows their decision; change it again if you still disagree."),
    "review.no_gradebook": "{out} holds no gradebook.sqlite: grade into it first (grade PATH... --out {out})",
    "review.no_run": ("{out}'s gradebook does not say which results its last run wrote: run the same "
                      "`grade ... --out {out}` once more (it reuses what is graded)"),
    "review.started": "Reviewing: open this address in your browser (it holds the access token):\n    {url}\nCtrl-C stops.",
    "review.stopped": "review stopped",
    "review.title": "grade review",
    "review.list": "Class",
    "review.as": "Reviewing as",
    "review.no_name": "your name",
    "review.set_name": "Set",
    "review.keys": ("Keys: j or → next, k or ← previous, u the class, s the first points field, "
                    "Ctrl+Enter saves the form, Esc leaves a field."),
    "review.any_assignment": "any assignment",
    "review.any_check": "any check",
    "review.any_status": "any status",
    "review.unreadable": "could not be graded",
    "review.needs_only": "needs review only",
    "review.filter": "Filter",
    "review.shown": "{shown} of {count} submissions",
    "review.col_number": "#",
    "review.col_student": "student",
    "review.col_assignment": "assignment",
    "review.col_score": "score",
    "review.col_status": "checks",
    "review.col_flags": "review",
    "review.problems": "{count} not passing",
    "review.changed": "changed by a TA",
    "review.prev": "previous",
    "review.next": "next",
    "review.place": "{at} of {count}",
    "review.auto": "automatic",
    "review.final": "final",
    "review.student_page": "the student's page, as it is written",
    "review.submission": "Whole submission",
    "review.adjust_field": "adjustment ({low:g} to {high:g})",
    "review.points_field": "points ({low:g}–{high:g})",
    "review.code": "Code cells as submitted",
    "review.no_cells": "The gradebook keeps no cells of this notebook (grade the folder again to keep them).",
    "review.save": "Save",
    "review.withdraw": "Withdraw",
    "review.decided": "{by}, {at}",
    "review.replaced": "replaced the automatic {status}, {auto:g} points",
    "review.override": "override",
    "review.cli_needs": "needs review: a TA scores it by hand ({points:g} point(s))",
    "review.orphans": "Kept for items this run no longer has (a changed rubric); not counted:",
    "review.recheck": "auto verdict changed, re-check",
}
MESSAGES = MESSAGES | REVIEW
# Similar submissions across a class (grader/similarity/), for the course staff
SIMILAR = {
    "similar.title": "Similar submissions",
    "similar.staff_only": "For the course staff only: never share this page or its file with students.",
    "similar.not_verdict": ("A similarity score is evidence to look at, not a verdict. Students who follow the "
                            "same lecture, tutorial or textbook write alike; look at the notebooks side by side, "
                            "and talk with the students before deciding anything."),
    "similar.method": ("What is compared: the code cells (comments and layout dropped, names and literal values "
                       "normalised, so renaming and reformatting change nothing) and the markdown the students "
                       "wrote themselves. The template's text{bases} is left out, and runs found in the "
                       "notebooks of many students are set aside as common knowledge. Winnowing (the copydetect "
                       "package, as in MOSS) finds shared runs of {k} tokens or more; every run of {guarantee} "
                       "is found. The same wrong answer, the same likely mistake named by the grader and the same "
                       "markdown answer raise a pair too, the more the fewer students share them."),
    "similar.bases": " and that of the base sources ({names})",
    "similar.nothing": "No assignment has notebooks of two students or more: nothing to compare.",
    "similar.section": ("{count} notebooks of {students} students; {pairs} pairs listed; clusters join pairs "
                        "at similarity {threshold} or more; {common} runs set aside as common to many students."),
    "similar.clusters": "Clusters",
    "similar.no_clusters": "No pair reaches the threshold.",
    "similar.cluster_line": "{count} students, highest similarity {value}",
    "similar.pairs": "Pairs",
    "similar.no_pairs": "No pair is similar enough to list.",
    "similar.sort_by": "Sort by:",
    "similar.sort_similarity": "similarity",
    "similar.sort_run": "longest run",
    "similar.sort_evidence": "evidence",
    "similar.sort_name": "student",
    "similar.student_a": "student",
    "similar.student_b": "student",
    "similar.similarity": "similarity",
    "similar.tokens": "matching tokens",
    "similar.longest_run": "longest run (tokens)",
    "similar.cells": "matching cells",
    "similar.evidence": "evidence beyond tokens",
    "similar.view": "side by side",
    "similar.views": "Side by side",
    "similar.views_note": "Pairs at or above the threshold, most similar first.",
    "similar.legend_match": "shared with the other notebook",
    "similar.legend_base": "also in a base source (not counted)",
    "similar.base_note": "{a} and {b} tokens also appear in the base sources; they are not counted.",
    "similar.no_code": "No matching code: the pair is listed for the evidence beyond tokens.",
    "similar.cell": "cell {index} ({kind})",
    "similar.kind.wrong_answer": "same wrong answer",
    "similar.kind.mistake": "same likely mistake",
    "similar.kind.markdown": "same markdown answer",
    "similar.shared_by": "shared by {count} students",
    "similar.summary": ("{assignment}: {count} notebooks compared, {pairs} pair(s) at or above the threshold, "
                        "{clusters} cluster(s)"),
    "similar.written": "similar submissions: {page} (the verdicts of {verdicts} graded notebook(s) used as evidence)",
    "similar.template_lines": "⋯ {count} more lines of the template ⋯",
    "similar.legend_template": "the template's text (not counted)",
    "similar.legend_common": "common to many students (not counted)",
    "similar.link": "Similar submissions (staff only)",
}

MESSAGES = MESSAGES | SIMILAR

# Dask workers that cannot isolate kernels as the coordinator asks (grader/cluster.py)
CLUSTER = {
    "cluster.refused": "the Dask worker {worker} cannot grade with the isolation asked for: {why}",
    "cluster.weak_not_allowed": ("its strongest isolation is {level!r}, below bubblewrap, and weak isolation was "
                                 "not allowed (install bubblewrap there, or pass --allow-weak-isolation)"),
}
MESSAGES |= CLUSTER

INFRA = {
    "infra.worker": "a grading worker process died",
    "budget_spent": "not run: the submission's time budget of {seconds} s was spent (restarts after hangs and crashes included)",
    "infra.not_graded": "not graded: {reason}; it will be graded again on the next run",
    "infra.start": "the grading kernel could not be started ({detail})",
    "infra.oom": "the machine ran out of memory and killed the grading kernel",
    "infra.zygote": "the warm kernel process the grading kernel came from died",
    "index.not_graded": "not graded",
}

MESSAGES |= INFRA

# a real class in (issue 13): rosters, course files, LMS gradebooks (grader/roster.py, course.py, lms.py)
CLASSIN = {
    "roster.encoding": "{file} is neither UTF-8 nor CP949 text",
    "roster.unreadable": "the roster {file} cannot be read ({reason})",
    "roster.no_key_column": "the roster {file} has none of the columns {columns} in its first line",
    "roster.no_key": "{file} line {line}: the row has no {columns}; it is left out of the roster",
    "roster.duplicate": "{file} line {line}: id {id} is already on line {first}; the row is left out",
    "roster.ambiguous": ("{path} matches several rows of {file} (lines {lines}); it is graded and listed "
                         "apart as not on the roster"),
    "course.unreadable": "the course file {file} cannot be read ({reason})",
    "course.bad_count": "{file}: count must be \"latest\" or \"best\", not {got!r}",
    "course.bad_late": "{file}: [late] holds a value that is not a number",
    "course.bad_per": "{file}: [late] per must be \"day\" or \"hour\", not {got!r}",
    "course.bad_deadline": "{file} line {line}: the deadline of {assignment} is not an ISO 8601 date and time; it has no deadline",
    "course.no_zone": ("{file} line {line}: the deadline of {assignment} has no time zone (write it as "
                       "2026-03-15T23:59:00+09:00); it has no deadline"),
    "lms.unreadable": "the LMS gradebook {file} cannot be read ({reason})",
    "lms.unknown": ("{file} is neither a Canvas gradebook export (columns Student, ID, SIS User ID) nor a "
                    "Moodle one (column Email address)"),
    "lms.no_column": "{file} has no column for {assignment}; name it with lms_column in course.toml",
    "lms.written": "LMS gradebook filled: {file} ({rows} student(s), {columns} column(s))",
    "layout.yaml": "{file} line {line}: it does not parse as YAML ({reason}); its submissions are graded under their folder names, with no time",
    "layout.not_mapping": "{file} line 1: expected submission folders with their submitters; its submissions are graded under their folder names, with no time",
    "layout.timestamp": "{file} line 1: not a time nbgrader writes ({got}); the submission has no time from it",
    "class.per_day": "day",
    "class.per_hour": "hour",
    "class.problem": "warning: {problem}",
    "class.lateness": "Lateness",
    "class.submitted_at": "submitted at",
    "class.time_source": "time from",
    "class.deadline": "deadline",
    "class.late": "late",
    "class.on_time": "on time",
    "class.late_units": "{units} started {per}(s) late",
    "class.rejected": "not accepted (too late): 0 points",
    "class.raw": "raw score",
    "class.penalty": "penalty",
    "class.final": "final score",
    "class.counted": "counted",
    "class.not_counted": "not counted (another submission counts)",
    "class.outsiders": "Submitters not on the roster",
    "class.missing": "Missing (no submission, 0 points)",
    "class.problems": "Class input problems",
    "class.submissions": "Submissions, lateness and what counts",
}
MESSAGES = MESSAGES | CLASSIN

WEEK7 = {
    # cnn_arithmetic (formula checks)
    "formula.pass": "`{call}` = {value}, as expected",
    "formula.wrong": "`{call}` returned {got}, expected {expected}",
    "formula.not_number": "`{call}` did not return one number (an int, or a float holding a whole number)",
    "formula.raises_pass": "`{call}` raises ValueError, as it must: the window does not fit the input a whole number of times",
    "formula.raises_other": ("`{call}` raised {ename} ({evalue}); expected ValueError: the window does not fit "
                             "the input a whole number of times"),
    "formula.no_raise": ("`{call}` returned {got}; expected ValueError: the window does not fit the input a "
                         "whole number of times, so no output size exists"),
    "title.cnn_arithmetic.minus_one": "-1 instead of +1",
    "diag.cnn_arithmetic.minus_one": ("`{call}` is the formula with -1 where it adds 1: the output counts the "
                                      "window's first position too, so it is (N - F + 2P)/S + 1."),
    "title.cnn_arithmetic.pad_once": "Padding counted once",
    "diag.cnn_arithmetic.pad_once": ("`{call}` counts the padding once: P zeros go on both sides of the input, so "
                                     "the formula has + 2P, not + P."),
    "title.cnn_arithmetic.no_padding": "Padding left out",
    "diag.cnn_arithmetic.no_padding": "`{call}` leaves the padding out: the formula is (N - F + 2P)/S + 1.",
    "title.cnn_arithmetic.no_valueerror": "No ValueError for geometry that does not fit",
    "diag.cnn_arithmetic.no_valueerror": ("`{call}` returns the formula's value without checking it is a whole number: "
                                          "raise ValueError when S does not divide the distance the window travels."),
    "title.cnn_arithmetic.floor": "Rounded down instead of ValueError",
    "diag.cnn_arithmetic.floor": ("`{call}` rounds the size down (//, int() or floor) where it should raise ValueError: "
                                  "a window that does not fit a whole number of times has no output size."),
    "title.cnn_arithmetic.no_bias": "Biases left out",
    "diag.cnn_arithmetic.no_bias": ("`{call}` counts the weights only: each filter also has one bias, "
                                    "(F*F*C_in + 1)*C_out per convolution."),
    "title.cnn_arithmetic.bias_per_input": "A bias per input channel",
    "diag.cnn_arithmetic.bias_per_input": ("`{call}` gives every filter one bias per input channel; a filter has one "
                                           "bias in all: (F*F*C_in + 1)*C_out."),
    "title.cnn_arithmetic.bottleneck_skipped": "No 1x1 bottleneck",
    "diag.cnn_arithmetic.bottleneck_skipped": ("`{call}` is the F x F convolution straight from C_in to C_out: the "
                                               "bottleneck first goes to C_mid channels with a 1x1 convolution."),
    "title.cnn_arithmetic.bottleneck_1x1_only": "Only the 1x1 convolution",
    "diag.cnn_arithmetic.bottleneck_1x1_only": ("`{call}` counts only the 1x1 convolution: add the F x F convolution "
                                                "from C_mid to C_out channels."),
    # alexnet_params' markdown answers
    "md.section_missing": ("no section for {layer}: its answers go under a heading that names the layer, "
                           "such as `### Layer {number} ...`"),
    "md.pass": "all {count} fields of {layer} are right",
    "md.partial": "{right} of {count} fields of {layer} are right: {problems}",
    "md.absent": "{field} of {layer} is not written (no `- **{field}**` line in its section)",
    "md.missing": "{field} of {layer} is still `???`: it scores nothing",
    "md.unreadable": "{field} of {layer}: no value can be read in \"{got}\"",
    "md.wrong": "{field} of {layer}: {expected}, you wrote {got}{why}",
    "md.shown": "{field}: {got}",
    "md.ungraded": "(not graded, for the TA: {fields})",
    "md.note.grouped": ("({layer}: {got} is the paper's two-GPU split, where each GPU's filters see half the "
                        "channels; accepted, the single-GPU network has {expected})"),
    "md.why.stride": ": stride {got} instead of {expected}",
    "md.why.padding": ": padding {got} instead of {expected}",
    "md.why.channels_conv": ": the output has one channel per filter ({expected})",
    "md.why.channels_pool": ": pooling keeps the number of channels ({expected})",
    "md.why.formula": ": (N - F + 2P)/S + 1 = ({H} - {F} + 2*{P})/{S} + 1 = {out}",
    "md.why.paper_224": (": the paper's 224 cannot give 55x55 with an {F}x{F} filter at stride {S} "
                         "((224 - {F})/{S} + 1 = {size:g}); AlexNet's input is {expected}"),
    "md.why.previous": ": a layer's input is the previous layer's output",
    "setup_failed": "the grader's setup cell failed in the kernel ({status}: {ename} {evalue})",
    # alexnet_model's Keras half
    "keras.params_pass": "the Keras model `{model}` has {count:,} trainable parameters, as expected",
    "keras.params_wrong": ("the Keras model `{model}` has {count:,} trainable parameters, expected {expected:,} "
                           "({diff:+,})"),
    "keras.shape_pass": "the Keras model `{model}` gives output shape {shape}, as expected",
    "keras.shape_wrong": "the Keras model `{model}` gives output shape {got}, expected {expected}",
    "keras.forward_softmax": ("with the same weights, the output is the softmax of the reference's logits "
                              "(error {err:.1e}, tolerance {tol:.0e}): a final softmax is accepted"),
    "keras.input_size": "; the model is built for {got} input, AlexNet takes {expected}",
    "combine.not_counted": (" (not counted: the {best} half scores {best_score:g}, this {group} half {score:g}; "
                            "the better half counts)"),
    "summary.pass": "the notebook shows a summary of your model (Total params: {total:,})",
    "summary.printed": "the notebook prints your model (print(model)) when it runs",
    "summary.none": ("no model summary is shown when the grader runs the notebook (torchsummary's summary, "
                     "torchinfo's summary, Keras's model.summary() or print(model)); outputs stored in the "
                     "file do not count"),
    "summary.other": "the summary shown totals {totals} parameters, but your model has {own}",
    "summary.no_model": "no model that can be built",
    "title.keras.input_size": "Keras model built for another input size",
    "diag.keras.input_size": ("The Keras model is built for {got} input (`input_shape`/`Input(shape=...)`), "
                              "not AlexNet's {expected}: with 'valid' padding, 224 gives (224 - 11)/4 + 1 = 54.25, "
                              "so 54x54 after conv1 instead of 55x55, and every later size and FC1's inputs "
                              "differ."),
}

MESSAGES = MESSAGES | WEEK7

# the automatic note beside a [[manual]] item with note = "model_comments" (grader/comment_note.py)
MESSAGES |= {
    "review.model_comments": ("Automatic note: the {cells} code cell(s) defining the model hold "
                              "{comments} comment line(s) and {docstrings} docstring line(s)."),
    "review.no_model_cells": ("Automatic note: no code cell that Python can parse defines a model "
                              "(an nn.Module class or a Keras model)."),
}

# the rest of the usage and staff errors (sandbox, seed, store, rubric, public, cluster, cli)
# and the isolation layers (results.json keeps them in English; pages say them in the page's language)
I18N = {
    "error.level_unavailable": "isolation level {level} is not available here; the strongest is {best}",
    "error.uid_cannot_enter": ("kernels run under an unprivileged uid of their own, which cannot enter {folder} "
                               "(mode {mode}): `chmod o+rx {folder}`, or grade as a user other than root"),
    "error.isolation_weak": ("--isolation {level} is weak isolation; pass --allow-weak-isolation to grade a batch "
                             "with it"),
    "error.seed_negative": "--seed must be 0 or more, not {seed}",
    "error.secret_unreadable": "{path} cannot be read ({why}); delete it to draw a new secret",
    "error.secret_not_file": "{path} is not a regular file; delete it to draw a new secret",
    "error.secret_readable": ("{path} is readable by others (mode {mode}), so the hidden cases may be known: "
                              "delete it to draw a new secret and grade with --regrade, or `chmod 600` it"),
    "error.secret_damaged": "{path} is damaged; delete it to draw a new secret (and grade with --regrade)",
    "error.gradebook_unreadable": ("{path} is not a gradebook this grader can read ({why}); delete it or choose "
                                   "another --out"),
    "error.timeouts": "time limits must be positive numbers of seconds",
    "error.public_mode": "{env}={chosen}: choose one of {modes}",
    "error.dask_needs_solutions": "grading on a Dask cluster needs the course staff's checkout (with solutions/)",
    "error.mismatch_version": "runs {field} {theirs}, this machine {ours}",
    "error.mismatch_reference": "has another solutions/{path} than {other}",
    "error.mismatch_this_machine": "this machine",
    "error.mismatch_coordinator": "the coordinator",
    "error.no_worker_joined": "no worker joined it within {seconds} s",
    "rubric.in_file": "{path}: {error}",
    "rubric.unreadable": "cannot read the rubric {path}: {why}",
    "rubric.no_cases": "graded name {name} has no cases",
    "rubric.compare": "{name}: compare {compare} names values not in returns {returns}",
    "rubric.manual_not_list": "`manual` must be an array of tables ([[manual]])",
    "rubric.manual_item": "a [[manual]] item needs a name and a description, not {table}",
    "rubric.manual_name": "[[manual]] {name}: the name is taken or holds '/'",
    "rubric.manual_points": "[[manual]] {name}: points must be a positive number, not {points}",
    "rubric.no_mistakes": "the known-mistakes module {path} does not exist",
    "rubric.combine": "[combine] needs how = \"best_of\" or \"both\" and a table of groups, not {table}",
    "rubric.combine_unknown": "[combine] groups name {names}, which are not graded names",
    "rubric.module_names": "`{field}` must be a list of module names, not {names}",
    "rubric.no_public_reference": "the public reference {path} does not exist",
    "rubric.needs_public_reference": "{names} need a `public_reference` to be judged without solutions/",
    "rubric.other_lock": "the lock {path} is the lock of {found}, not of {name}",
    "isolation.bubblewrap": "bubblewrap: read-only system view, private /tmp, only the scratch folder writable",
    "isolation.network": "network namespace: no network",
    "isolation.pid": "PID namespace: no process outlives grading",
    "isolation.uid": "own unprivileged uid",
    "isolation.cgroup": ("control group: memory {memory} MiB (shared memory and /tmp files included), "
                         "{processes} processes"),
    "isolation.limits": "limits: memory {memory} MiB, CPU {cpu} s, files {files} MiB, {open_files} open files",
    "isolation.limits_uid": ("limits: memory {memory} MiB, CPU {cpu} s, files {files} MiB, {open_files} open files, "
                             "{processes} processes"),
    "isolation.wall_clock": "wall-clock limits enforced from the grader",
    "isolation.output": "output capped at {output} MiB a cell",
    "isolation.disk": "scratch folder: {disk} MiB at most, a file system of its own in memory",
    "isolation.cpu": "control group: at most {cpus} CPU for all of the kernel's processes",
    "rubric.lock_format": "the lock {path} has format {got}, this grader reads {expected}",
    "rubric.lock_unreadable": "cannot read the lock {path}: {why}",
    "rubric.no_reference": "the reference solution {path} does not exist",
    "rubric.reference_lacks": "the reference {path} does not define {name}",
    "rubric.reference_returns": "the reference {who} returned {got} values, not {expected}",
    "error.kernel_start": "the grading kernel could not be started: {why}",
    "error.warm_start": "the warm kernel process did not start (exit code {code})",
}

MESSAGES = MESSAGES | I18N

# the staff errors of the check planners (grader/checks, cases, rubric, student_dist): a broken rubric or reference
RUBRIC = {
    "rubric.unknown_kind": "unknown check kind {kind}; known: {known}",
    "rubric.unknown_array_kind": "unknown array kind {kind} (normal, distinct, linspace or integers)",
    "rubric.manual_note": "[[manual]] {name}: note must be \"model_comments\", not {note}",
    "rubric.integer_bounds": "{where}: `integer` must be [lo, hi] with whole numbers lo <= hi, not {bounds}",
    "rubric.not_whole": "the reference {call} gave {value}, not a whole number",
    "rubric.no_draw_fit": "{where}: no arguments drawn in {tries} tries fit",
    "rubric.no_draw_unfit": "{where}: no arguments drawn in {tries} tries fail to fit",
    "rubric.not_in_args": "{where}: {names} not in args {args}",
    "rubric.formula_no_cases": "{name}: a formula check needs cases",
    "rubric.shaped_like": "{where}: an input is shaped like {like}, which is unknown",
    "rubric.no_argument": "{name}: no value for argument(s) {missing}",
    "rubric.forward_unknown": "{name}: forward {forward} is not a graded name",
    "rubric.ties": "{name}: ties = {ties}; expected one of {known}",
    "rubric.keras_unknown": "unknown Keras check {name} ({known})",
    "rubric.lock_kind": "{name}: a lock cannot judge {kind} checks",
    "rubric.lock_layer_count": "{check}: the reference has another number of layers for {classes} classes",
    "rubric.lock_classes": "{key} depends on the class count in a way a lock cannot hold",
    "rubric.markdown_answers": "{path}: {function}() must return {{layer: {{field: value}}}}",
    "rubric.markdown_expected": "{assignment}: markdown checks need `expected = FUNCTION`",
    "rubric.markdown_layers": "{name}: `layers` {layers} are not the reference's {known}",
    "rubric.reference_failed": "the reference {model}({classes}) failed: {why}",
    "rubric.model_lacks": "{assignment}: [model] lacks {missing}",
    "rubric.model_unknown": "unknown model check {name} (param_count, output_shape, layers, forward)",
    "rubric.variable_values": "{path}: {function}() must return a dict of name -> value",
    "rubric.variable_expected": "{assignment}: variable checks need `[variable] expected = NAME`",
    "rubric.variable_missing": "{function}() gives no value for {name}",
    "rubric.public_disagrees": "the public reference {public} disagrees with {full} on {check} (seed {seed})",
    "rubric.public_disagrees_on": ("the public reference {public} disagrees with {full} on {check} "
                                   "({name}, seed {seed})"),
}

MESSAGES |= RUBRIC

# `grade validate`: one line per step, in the language of --lang
VALIDATE = {
    "validate.line": "{mark}  {step}: {detail}",
    "validate.mark_ok": "ok  ",
    "validate.mark_fail": "FAIL",
    "validate.step.rubric": "rubric",
    "validate.step.references": "references",
    "validate.step.reproducible": "reproducible",
    "validate.step.fresh": "fresh hidden cases",
    "validate.step.fixed": "fixed public cases",
    "validate.step.reference_notebook": "reference notebook",
    "validate.step.template": "template",
    "validate.rubric": "{name}: {count} graded names, {points:g} points",
    "validate.planned": "{count} checks planned",
    "validate.no_checks": "no checks for {names}",
    "validate.reproducible": "the same seed gives the same cases",
    "validate.not_reproducible": "the same seed gave different cases",
    "validate.fresh": "{count} hidden cases change with the seed",
    "validate.not_fresh": "some hidden cases do not change with the seed",
    "validate.fixed": "public cases are the same for every seed",
    "validate.not_fixed": "a public case changes with the seed",
    "validate.no_file": "{path} does not exist",
    "validate.notebook": "{file}: {detail} (expected {want:g})",
}

MESSAGES |= VALIDATE

# why a submitted notebook cannot be read (grader/notebook.py, discover.py): the student reads it
READ = {
    "read.empty": "the file is empty",
    "read.not_json": "the file is not valid JSON ({why})",
    "read.not_notebook": "the file is JSON but not a notebook (a {type} without nbformat)",
    "read.nbformat": "the notebook cannot be read by nbformat ({why})",
    "read.no_cells": "the notebook has no list of cells",
    "read.changed": "the file changed after the batch found it; grade it again",
    "read.unreadable": "the file cannot be read ({why})",
}

MESSAGES |= READ

# usage errors of grade review and grade similar
USAGE = {
    "error.review_needs_solutions": ("grade review is for the course staff: it needs the staff's checkout "
                                     "(with solutions/)"),
    "error.port": "--port must be between 0 and 65535, not {port}",
    "error.cannot_listen": "cannot listen on {host}:{port}: {why}",
    "error.template_not_notebook": "--template takes a notebook (.ipynb), not {path}",
    "error.threshold": "--similarity-threshold must be above 0 and at most 1, not {value}",
    "error.not_results": "{path} is not a results.json the grader wrote ({why})",
}

MESSAGES |= USAGE

# Gradescope's results.json (grader/export.py): what a student reads there, in the batch's language
EXPORT = {
    "export.likely": "Likely mistake: {hint}",
    "export.not_graded": "The notebook could not be graded: {message}",
    "export.reviewed_by": "Reviewed by {by}",
    "export.reviewed_by_auto": "Reviewed by {by} (automatic points: {auto:g})",
    "export.by_hand": "{name} (scored by hand)",
    "export.not_reviewed": "Not reviewed yet",
    "export.adjustment": "TA adjustment",
}

MESSAGES |= EXPORT

# a grader bug on one notebook (grader/batch.py): the notebook is graded again on the next run
MESSAGES |= {"infra.internal": "internal grader error ({what}); please report it"}

# a probe report of a kind the grader does not know (grader/compare.py)
MESSAGES |= {"reason.probe_reported": "the probe reported {kind}"}

# building the students' wheel (python -m grader.student_dist, `make student-dist`): for the course staff
DIST = {
    "dist.staff_file": "{name}: a file of the course staff",
    "dist.secret_line": "{name}: holds the line {line} of solutions/ or examples/",
    "dist.leaks": "the students' wheel is not kept, it holds:\n{problems}",
    "dist.pip_failed": "pip wheel failed:\n{output}",
    "dist.failed": "student-dist: {message}",
    "dist.built": "built {wheel}",
}

MESSAGES |= DIST

# why a found file is not graded, or a notebook in an archive cannot be read (grader/discover.py,
# archive.py, layout_io.py): English in results.json, the page's language on pages
REASONS = {
    "skip.not_notebook": "not a notebook",
    "skip.not_regular": "not a regular file",
    "skip.archive_link": "a symbolic link stored in the archive: links are not followed",
    "skip.link": "a symbolic link (to {target}): links are not followed",
    "skip.gradescope_metadata": "Gradescope's submission metadata (read for names and times, not graded)",
    "skip.nbgrader_time": "nbgrader's submission time (read, not graded)",
    "archive.unreadable": "not a readable zip archive ({why})",
    "archive.members": "the archive holds {count} members, more than {most}; it is not unpacked",
    "archive.inflated": "the archive's notebooks inflate to {size} bytes, more than {most}; it is not unpacked",
    "archive.too_large": "the notebook is {size} bytes, more than {most}",
    "archive.member": "the archive member cannot be extracted ({why})",
    "archive.more_than": "the notebook is more than {most} bytes",
}

MESSAGES |= REASONS

# grade review: a TA's write that would overwrite a newer decision (grader/errors.py StaleReview)
MESSAGES |= {
    "error.stale_review": ("{by} changed this since you opened it (now version {version}); your change was not "
                           "saved, the page shows theirs"),
    "error.stale_review_withdrawn": ("another TA changed this since you opened it (now version {version}); your "
                                     "change was not saved, the page shows theirs"),
}

# why what a kernel wrote is not accepted (grader/readback.py, probe.py): part of the "unsafe" message
UNSAFE = {
    "unsafe.folder": "{file} cannot be opened safely as a folder ({why})",
    "unsafe.not_written": "{file} was not written",
    "unsafe.cannot_open": "{file} cannot be opened safely ({why})",
    "unsafe.not_regular": "{file} is not a regular file",
    "unsafe.too_big": "{file} is {size} bytes, more than {most}",
    "unsafe.not_json": "{file} is not valid JSON ({why})",
    "unsafe.not_npy": "{file} is not a valid .npy file ({why})",
    "unsafe.dtype": "{file} holds dtype {dtype}, not plain numbers",
    "unsafe.declares": "{file} declares shape {shape} of {dtype} ({kib} KiB), far more than expected: not read",
    "unsafe.unreadable": "{file} could not be read ({why})",
    "unsafe.not_plain": "{file} did not load as a plain array",
    "unsafe.response": "response.json is not what the harness writes",
}

MESSAGES |= UNSAFE

# argparse's own refusals of a `grade` command line (grader/usage.py): its English, word for word
ARGPARSE = {
    "argparse.argument": "argument {name}: {problem}",
    "argparse.invalid_value": "invalid {type} value: {value}",
    "argparse.invalid_choice": "invalid choice: {value} (choose from {choices})",
    "argparse.expected_one": "expected one argument",
    "argparse.expected_at_most_one": "expected at most one argument",
    "argparse.expected_at_least_one": "expected at least one argument",
    "argparse.required": "the following arguments are required: {names}",
    "argparse.one_required": "one of the arguments {names} is required",
    "argparse.unrecognized": "unrecognized arguments: {names}",
    "argparse.not_allowed": "not allowed with argument {name}",
    "argparse.ignored": "ignored explicit argument {value}",
    "argparse.ambiguous": "ambiguous option: {option} could match {matches}",
}

MESSAGES |= ARGPARSE

# the class dashboard (templates/index.html.j2): what a TA reads there
DASHBOARD = {
    "dash.page_title": "cnn-grader · {count} submissions",
    "dash.heading": "Class dashboard",
    "dash.note": "{notebooks} notebooks from {students} students, cnn-grader {version}.",
    "dash.for_lms": "Grades for an LMS import:",
    "dash.everything": "everything:",
    "dash.submission": "{count} submission",
    "dash.submissions": "{count} submissions",
    "dash.errors": "{count} could not be graded (counted as 0)",
    "dash.stats": "mean {mean}, median {median} of {points} points; {full} with full marks.",
    "dash.histogram_label": "score distribution of {name}",
    "dash.histogram_caption": "Score distribution (share of the {points} points)",
    "dash.check": "check",
    "dash.passed": "passed",
    "dash.pass_rate": "pass rate",
    "dash.failures": "Most common failures",
    "dash.checks": "checks",
    "dash.times": "times",
    "dash.students": "students",
    "dash.example": "message (one example)",
    "dash.students_heading": "Students",
    "dash.total": "total",
}

MESSAGES |= DASHBOARD

# the help of every `grade` verb (grader/usage.py, cli.py, review/server.py, similarity/command.py)
HELP = {
    "help.usage": "usage: ",
    "help.positionals": "positional arguments",
    "help.options": "options",
    "help.help": "show this help message and exit",
    "help.version": "show program's version number and exit",
    "help.grade": "Grade CNN homework notebooks.",
    "help.validate": "Check an assignment folder.",
    "help.review": "Review and override grades in the browser.",
    "help.similar": "Find similar submissions across a class.",
    "help.paths": "a notebook, a folder of them (any depth), or a .zip",
    "help.out": "output folder (default: reports/)",
    "help.seed": ("a secret number standing for the output folder's secret (secret.key): the same hidden cases in "
                  "every folder graded with it; keep it as secret as a password"),
    "help.assignment": "assignment of notebooks that neither metadata nor file name identify",
    "help.workers": "parallel kernels (default: number of cores)",
    "help.scheduler": "grade on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT) instead of local processes",
    "help.regrade": "grade every notebook again, even those the gradebook already holds",
    "help.gradescope": "also write gradescope/<student>/<assignment>/results.json per submission",
    "help.cell_timeout": "seconds per notebook cell (default: the rubric's)",
    "help.call_timeout": "seconds per graded call (default: the rubric's)",
    "help.isolation": "isolation of the kernels (default: the strongest available)",
    "help.allow_weak": "grade a batch even where bubblewrap is unavailable",
    "help.memory": "memory limit of each kernel in GiB (default 4)",
    "help.open": "open the report (or the dashboard) in the browser",
    "help.lang": "language of messages, hints and reports (default: ko if the locale is Korean, else en)",
    "help.layout": "the LMS layout of the submissions (default: recognised from the files)",
    "help.roster": "class roster (id,name,email[,login,github,sid]): grades.csv in its order",
    "help.course": "deadlines, late policy and which submission counts",
    "help.lms_gradebook": "a Canvas or Moodle gradebook export to fill in (written to OUT)",
    "help.template": ("similarity: a template notebook whose text is left out (repeatable; the assignment's own "
                      "template always is)"),
    "help.base": "similarity: public sources (.py/.ipynb files or folders) left out and marked",
    "help.threshold": "similarity: pairs at or above S (0 to 1) form clusters (default {threshold})",
    "help.folder": "an assignment folder holding rubric.toml",
    "help.validate_isolation": "isolation of the kernels",
    "help.validate_lang": "language of the lines (default: ko if the locale is Korean, else en)",
    "help.similar_lang": "language of the page",
    "help.review_out": "an output folder of `grade` (holding gradebook.sqlite)",
    "help.port": "port on 127.0.0.1 (default: a free one)",
    "help.ta": "your name, kept with every decision (or give it in the page)",
    "help.review_lang": "language of the pages",
}

MESSAGES |= HELP

# how the kernel's harness describes a value a student returned (kernel_side/harness.py; grader/compare.py)
MESSAGES |= {
    "got.values": "a {type} of {count} values",
    "got.shape": "{type} of shape {shape}",
    "got.value": "a {type} {text}",
}

# what gave a submission's time (grader/course.py TIME_SOURCES): English in submissions.csv, the page's language on pages
MESSAGES |= {
    "source.gradescope": "gradescope created_at",
    "source.nbgrader": "nbgrader timestamp.txt",
    "source.canvas": "canvas late flag",
    "source.layout": "layout metadata",
    "source.archive": "archive member time",
    "source.file": "file time",
    "source.unknown": "unknown",
}

# hostile class input (grader/course.py, roster.py, lms.py, report.py): values that would give wrong grades
MESSAGES |= {
    "course.bad_percent": "{file}: [late] {name} is a percent from 0 to 100, not {got}",
    "course.bad_duration": "{file}: [late] {name} must be a number of 0 or more, not {got}",
}

# the output folder cannot be written (read-only, disk full): grader/cli.py, grader/store.py
MESSAGES |= {
    "error.cannot_write": ("cannot write or read {file} ({why}); what was graded is kept in the gradebook: free some space "
                           "or choose another --out, then run the same command again"),
    "error.gradebook_write": ("the gradebook {path} cannot be written ({why}); what was graded before is kept: free "
                              "some space, then run the same command again"),
}

# course.toml naming an assignment the grader does not have (grader/classrun.py)
MESSAGES |= {
    "course.unknown_assignment": "{file}: [assignments.{name}] names no assignment of this grader (known: {known})",
}

# a zip holding one name twice (grader/discover.py)
MESSAGES |= {
    "skip.replaced": "an earlier member of the same name: the archive's later one is graded",
}

# a zip inside a student's zip inside an archive (grader/discover.py)
MESSAGES |= {
    "skip.nested_deep": "a zip inside a zip inside an archive: not opened (unzip it and grade the folder)",
}

# the gradebook cannot be opened though it is one (grader/store.py): never advise deleting it
MESSAGES |= {
    "error.gradebook_busy": ("the gradebook {path} is in use by another program ({why}); wait until it is done "
                             "(or close it), then run the same command again; nothing in it was changed"),
    "error.gradebook_open": "the gradebook {path} cannot be opened ({why}); nothing in it was changed",
}

# a damaged gradebook (grader/store.py)
MESSAGES |= {
    "error.gradebook_damaged": ("the gradebook {path} is damaged ({why}); move it aside (sqlite3's .recover may save "
                                "its TA decisions), then run the same command again: every notebook is graded anew"),
}

# lateness resting on file modification times only (grader/classbook.py)
MESSAGES |= {
    "course.file_times": ("{count} submission(s) are late only by their files' modification times, which copying "
                          "without keeping times (cp -r, a sync tool) resets: check time_source in submissions.csv "
                          "before uploading the grades"),
}

# an Excel workbook given where a CSV file is read (grader/roster.py, grader/lms.py)
MESSAGES |= {
    "roster.excel": "{file} is an Excel workbook, not CSV: in Excel, save it as \"CSV UTF-8\" and give that file",
}

# a file found under two of the paths given to `grade` (grader/discover.py)
MESSAGES |= {
    "skip.twice": "found twice: graded as {path}",
}

# an LMS gradebook row whose keys name two students (grader/lms.py)
MESSAGES |= {
    "lms.two_students": "{file} line {line} ({row}) matches two students ({students}); it is left as it was",
}

# course.toml tables that are not tables, and settings it does not have (grader/course.py)
MESSAGES |= {
    "course.not_table": "{file}: [{table}] must be a table (a [{table}] heading with settings under it), not {got!r}",
    "course.unknown_key": "{file}: {table} has no setting {setting} (its settings: {known})",
}

# --layout asked for a layout a root does not follow (grader/discover.py)
MESSAGES |= {
    "layout.not_followed": ("{path} does not follow the {layout} layout asked for with --layout (see README, "
                            "\"From your LMS\"); give the folder the LMS exported, or leave --layout out"),
}

# a gradebook made by a newer grader (grader/store.py): never advise deleting it
MESSAGES |= {
    "error.gradebook_newer": ("the gradebook {path} was made by a newer grader (gradebook format {version}, this "
                              "grader reads {expected}); grade with that version; nothing in it was changed"),
}

# the grader's own words on a student's cell (grader/execute.py CELL_KEYS; results.json keeps them in English)
MESSAGES |= {
    "cell.broken_messaging": "the kernel's messages could not be read after this cell ({detail}): did it replace json, zmq or the kernel's own functions?",
    "cell.output_limit.cell": "printed more than the cell's output limit",
    "cell.output_limit.notebook": "printed more than the notebook's output limit",
    "cell.output_limit.message": "printed one output message larger than any output may be (it was refused)",
    "cell.memory_limit": "used more than {limit} MiB of memory (shared memory and /tmp files included), the kernel's own limit: the kernel was stopped",
    "cell.notebook_timeout": "the notebook's time limit was reached",
    "cell.status.ok": "ok",
    "cell.status.error": "error",
    "cell.status.timeout": "out of time",
    "cell.status.died": "kernel died",
    "cell.status.output_limit": "output limit",
    "cell.status.skipped": "skipped",
}
