"""Generate the AlexNet notebooks: templates, reference notebooks, demo examples, e2e fixtures.

Usage (from anywhere): python assignments/alexnet/make_notebooks.py
Writes, under the repository root, for <a> in alexnet_params and alexnet_model:
  assignments/<a>/<a>.ipynb                     student template (metadata grader.assignment)
  solutions/<a>/<a>_reference.ipynb             completed reference notebook
  assignments/<a>/examples/<student>/<a>.ipynb  example submissions for `make demo`
  tests/e2e/fixtures/<a>/*.ipynb, expected.json fixtures named by fault, golden verdicts
The content lives beside this script: nb_common.py (layer table, notebook frame),
params_notebooks.py and model_notebooks.py. The output is deterministic (cell ids cell-0,
cell-1, ...), so re-running changes nothing.

expected.json maps a fixture to {"score": points, "failing": [check ids that must not pass]
or "all"}; a bare graded name stands for all of its cases; every other check must pass.
Optional fields: "note" (why), "first_differing_layer" (1-based row of the layer table),
"diagnosis" ({check id: the diagnose stage's mistake id, or "none"} for failing checks),
"reasoned" (check ids whose diagnosis comes from the evidence, not a known variant) and
"hint_contains" ({check id: text its hint holds}).
"""

import json
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))

from model_notebooks import (  # noqa: E402  (after the sys.path line above)
    BATCHNORM_CLASS, BATCHNORM_CONV1_CONV2_CLASS, CONV3_256_FILTERS_CLASS, EXTRA_BATCHNORM96_CLASS,
    NO_RELU_AFTER_CONV4_CLASS, CONV2_NO_PAD_CLASS, CONV3_STRIDE2_CLASS, FUNCTIONAL_CLASS,
    HARDCODED_10_CLASS, IMPORTS, KERAS_10_CLASSES_CELL, KERAS_224_CELL, KERAS_BATCHNORM_CELL,
    KERAS_CELL, KERAS_FUNCTION_CELL, LOG_SOFTMAX_CLASS, NO_RELU_AFTER_CONV3_CLASS, TENSORFLOW_FIRST_CELL,
    NUM_CLASSES_CLASS, REFERENCE_CLASS, SOFTMAX_CLASS, STORED_SUMMARY, TEMPLATE_CLASS,
    model_notebook)
from markdown_fixtures import (  # noqa: E402
    BLANK_SECTIONS, TOBIGS_SECTIONS, WRITTEN_FORMS_SECTIONS, WRONG_SECTIONS)
from params_notebooks import (  # noqa: E402
    FORMULA_ANSWERS, GROUPED_ANSWERS, HELPER_ANSWERS, HELPER_CELL, LITERAL_ANSWERS, NAMES,
    NO_BIAS_ANSWERS, NUMPY_ANSWERS, SHAPE_ANSWERS, params_notebook)

ROOT = Path(__file__).resolve().parents[2]
MD = 5.5
"""alexnet_params' points for the markdown answers (every fixture writes them right unless it
is about them)."""


def full(score, note=None):
    """The verdict of a submission that passes every check."""
    return {"score": score, "failing": []} if note is None else {
        "score": score, "failing": [], "note": note}


def params_fixtures():
    """{file name: (notebook, expected verdict)} of tests/e2e/fixtures/alexnet_params."""
    convs_and_fcs = [name for name in NAMES if not name.startswith("Max_pool")]
    return {
        "literals.ipynb": (params_notebook(LITERAL_ANSWERS), full(11 + MD)),
        "formulas.ipynb": (params_notebook(FORMULA_ANSWERS), full(11 + MD)),
        "helper_function_other_cell.ipynb": (
            params_notebook(HELPER_ANSWERS, [HELPER_CELL]), full(11 + MD)),
        "numpy_integers.ipynb": (
            params_notebook(NUMPY_ANSWERS, ["import numpy as np"]),
            full(11 + MD, "np.int64, np.int32 and the integral float 34944.0 (Conv_1) count as "
                     "integers")),
        "without_bias.ipynb": (params_notebook(NO_BIAS_ANSWERS), {
            "score": 3 + MD, "failing": convs_and_fcs,
            "diagnosis": {name: "alexnet_params.no_bias" for name in convs_and_fcs},
            "note": "weights only, no biases; the pools (0) pass"}),
        "grouped_two_gpu.ipynb": (params_notebook(GROUPED_ANSWERS), {
            "score": 8 + MD, "failing": ["Conv_2", "Conv_4", "Conv_5"],
            "diagnosis": {name: "alexnet_params.grouped" for name in ("Conv_2", "Conv_4", "Conv_5")},
            "note": "two-GPU grouped counts 307456 / 663936 / 442624"}),
        "output_shapes_instead.ipynb": (params_notebook(SHAPE_ANSWERS), {
            "score": MD, "failing": list(NAMES),
            "diagnosis": {name: "alexnet_params.output_size" for name in NAMES},
            "note": "tuples (H, W, C) instead of counts; a tuple is wrong for the pools too"}),
        "fc3_ten_classes.ipynb": (params_notebook(dict(FORMULA_ANSWERS, FC3="4096*10 + 10")), {
            "score": 10 + MD, "failing": ["FC3"],
            "diagnosis": {"FC3": "alexnet_params.wrong_classes"},
            "note": "FC3 counted for 10 classes (CIFAR-10) instead of ImageNet's 1000"}),
        "missing_fc3.ipynb": (params_notebook(dict(FORMULA_ANSWERS, FC3="???")), {
            "score": 10 + MD, "failing": ["FC3"],
            "note": "the FC3 cell still holds ??? (SyntaxError) and the total cell then "
                    "raises NameError; the other ten answers stand"}),
        "untouched_template.ipynb": (params_notebook(fields="???"), {"score": 0, "failing": "all"}),
        "markdown_written_forms.ipynb": (params_notebook(FORMULA_ANSWERS, fields=WRITTEN_FORMS_SECTIONS), full(
            11 + MD, "every layer's fields right, written as 227 x 227 x 3, 227*227*3, 27x27x96, (13, 13, 384), "
                     "55 X 55 X 96, channels first, with backticks or not, <br>, Korean remarks, a worked "
                     "formula before `=` or an arrow; 5x5x48 and 3x3x192 (two GPUs) accepted with a note")),
        "markdown_wrong_answers.ipynb": (params_notebook(FORMULA_ANSWERS, fields=WRONG_SECTIONS), {
            "score": 11 + 0.4 + 0.375 + 0.333333 + 0.416667 + 0.333333 + 3.0,
            "failing": ["markdown/Conv_1", "markdown/Max_pool_2", "markdown/Conv_2", "markdown/Conv_3",
                        "markdown/FC3"],
            "markdown_messages": {
                "markdown/Max_pool_2": "Output of Max_pool_2: 13x13x256, you wrote 9x9x256: stride 3 instead of 2",
                "markdown/Conv_1": "Input of Conv_1: 227x227x3, you wrote 224x224x3: the paper's 224 cannot give 55x55",
                "markdown/Conv_2": "Output of Conv_2: 27x27x256, you wrote 23x23x256: padding 0 instead of 2",
                "markdown/Conv_3": "Output of Conv_3: 13x13x384, you wrote 13x13x256: the output has one channel per filter",
                "markdown/FC3": "output size of FC3: 1000, you wrote 10"},
            "note": "one or two wrong fields per layer: partial credit within each layer (0.5 points a layer)"}),
        "markdown_left_blank.ipynb": (params_notebook(FORMULA_ANSWERS, fields=BLANK_SECTIONS), {
            "score": 11 + 4.0, "failing": ["markdown/Max_pool_1", "markdown/Conv_4", "markdown/FC2"],
            "markdown_messages": {"markdown/Max_pool_1": "Input of Max_pool_1 is still `???`: it scores nothing",
                                  "markdown/Conv_4": "no section for Conv_4",
                                  "markdown/FC2": "Input of FC2 is not written"},
            "note": "Max_pool_1's fields left ???, Conv_4's section deleted, FC2's fields removed"}),
        "tobigs_original_layout.ipynb": (params_notebook(FORMULA_ANSWERS, fields=TOBIGS_SECTIONS), {
            "score": 11 + 4.5 + 0.416667 + 0.333333, "failing": ["markdown/Conv_5", "markdown/FC3"],
            "markdown_messages": {"markdown/Conv_5": "Filter size of Conv_5: 3x3 / 3x3x384, you wrote 3x3x256",
                                  "markdown/FC3": "Num_classes of FC3: no value can be read in \"Number of labels\""},
            "note": "a real Tobigs submission's sections, unedited: `### Layer 1 is a Convolution Layer_1`, "
                    "`224 x 224 x 3 -> 227 x 227 x 3`, an output inside its bold label, (N,flatten) x "
                    "(flatten,4096); its Conv_5 filter size (3x3x256) and Num_classes (a description) are wrong"}),
    }


KERAS_NAMES = ("keras_param_count", "keras_output_shape", "keras_layers", "keras_forward")
PYTORCH_NAMES = ("param_count", "output_shape", "layers", "forward")


def pytorch_only(verdict):
    """A PyTorch-only fixture's verdict: the Keras half is missing (not counted: best_of), the
    summary cell shows the model."""
    failing = verdict["failing"]
    return verdict | {"score": verdict["score"] + (0 if failing == "all" else 1),
                      "failing": ("all" if failing == "all" else list(failing) + list(KERAS_NAMES))}


def keras_fixtures():
    """Fixtures with a Keras half (the PyTorch class left as the template's unless said)."""
    keras_only = {"failing": list(PYTORCH_NAMES)}
    return {
        "keras_only.ipynb": (model_notebook(TEMPLATE_CLASS, before=[KERAS_CELL]), keras_only | {
            "score": 9, "note": "tensorflow.keras Sequential with a final softmax; the PyTorch class is the "
                                "template's (SyntaxError); model.summary() shows the Keras total"}),
        "keras_function_import_keras.ipynb": (model_notebook(TEMPLATE_CLASS, before=[KERAS_FUNCTION_CELL]), keras_only | {
            "score": 9, "note": "`import keras`, the functional API in a builder function, logits out"}),
        "keras_batchnorm_added.ipynb": (model_notebook(TEMPLATE_CLASS, before=[KERAS_BATCHNORM_CELL]), {
            "score": 3, "failing": list(PYTORCH_NAMES) + ["keras_param_count", "keras_layers", "keras_forward"],
            "diagnosis": {"keras_param_count": "model.batchnorm_added", "keras_layers": "model.batchnorm_added"},
            "reasoned": ["keras_param_count", "keras_layers"],
            "note": "BatchNormalization after each conv: 2,752 trainable parameters more; Keras's epsilon "
                    "(1e-3) moves the output beyond the tolerance"}),
        "keras_10_classes.ipynb": (model_notebook(TEMPLATE_CLASS, before=[KERAS_10_CLASSES_CELL]), {
            "score": 1, "failing": list(PYTORCH_NAMES) + list(KERAS_NAMES),
            "diagnosis": {"keras_param_count": "model.wrong_classes", "keras_output_shape": "model.wrong_classes"},
            "note": "Dense(10): every check compares with the reference for the 1000 classes asked for; "
                    "only the summary (of its own model) counts"}),
        "keras_224_input.ipynb": (model_notebook(TEMPLATE_CLASS, before=[KERAS_224_CELL]), {
            "score": 3, "failing": list(PYTORCH_NAMES) + ["keras_param_count", "keras_layers", "keras_forward"],
            "diagnosis": {"keras_param_count": "keras.input_size", "keras_layers": "keras.input_size",
                          "keras_forward": "keras.input_size"},
            "note": "input_shape=(224, 224, 3) with 'valid' padding: 54x54 after conv1, FC1 takes 6400"}),
        "tensorflow_first_then_torchvision.ipynb": (
            model_notebook(REFERENCE_CLASS, before=[TENSORFLOW_FIRST_CELL]), {
                "score": 9, "failing": list(KERAS_NAMES),
                "note": "TensorFlow imported in the first cell, torchvision after it: the kernel imported "
                        "torch and torchvision before the student's code, so nothing crashes"}),
    }


def model_fixtures():
    """{file name: (notebook, expected verdict)} of tests/e2e/fixtures/alexnet_model."""
    return {name: (nb, pytorch_only(verdict)) for name, (nb, verdict) in _pytorch_fixtures().items()} | {
        "keras_cell_then_pytorch.ipynb": (model_notebook(REFERENCE_CLASS, before=[KERAS_CELL]), full(
            9, "both halves right: the PyTorch half counts (best_of, a tie), the Keras half is shown; the later "
               "`model = AlexNet(1000)` does not hide the recorded Keras model")),
    } | keras_fixtures()


def _pytorch_fixtures():
    """The PyTorch-only fixtures (the Keras half not done)."""
    return {
        "imports_torchvision_torchsummary.ipynb": (
            model_notebook(IMPORTS + "\n\n\n" + REFERENCE_CLASS, imports=None), full(8)),
        "template_output_over_placeholders.ipynb": (
            model_notebook(TEMPLATE_CLASS, stored_summary=STORED_SUMMARY), {
                "score": 0, "failing": "all",
                "note": "the class cell is a SyntaxError (????); the stored summary output "
                        "claiming 62,378,344 parameters must be ignored"}),
        "functional_relu.ipynb": (
            model_notebook(FUNCTIONAL_CLASS),
            full(8, "F.relu/torch.relu, attributes conv1..fc3, one MaxPool2d reused three "
                    "times and registered after conv5: compare in execution order")),
        "num_classes_param.ipynb": (model_notebook(NUM_CLASSES_CLASS), full(8)),
        "batchnorm_added.ipynb": (model_notebook(BATCHNORM_CLASS), {
            "score": 4, "failing": ["param_count", "layers"],
            "diagnosis": {"param_count": "model.batchnorm_added", "layers": "model.batchnorm_added"},
            "reasoned": ["param_count", "layers"],
            "note": "BatchNorm2d after each conv: 2,752 extra parameters and 5 extra rows in "
                    "the layer table; forward passes because untrained BatchNorm in eval mode "
                    "only scales by 1/sqrt(1 + 1e-5) per layer, within a relative tolerance "
                    "of 1e-4"}),
        "log_softmax_output.ipynb": (model_notebook(LOG_SOFTMAX_CLASS), {
            "score": 6, "failing": ["forward"], "diagnosis": {"forward": "model.log_softmax_output"},
            "note": "returns log-probabilities instead of logits"}),
        "softmax_output.ipynb": (model_notebook(SOFTMAX_CLASS), {
            "score": 6, "failing": ["forward"], "diagnosis": {"forward": "model.softmax_output"},
            "note": "returns probabilities instead of logits"}),
        "no_relu_after_conv3.ipynb": (model_notebook(NO_RELU_AFTER_CONV3_CLASS), {
            "score": 6, "failing": ["forward"], "diagnosis": {"forward": "model.missing_activation"},
            "missing_activation_after": "conv3", "reasoned": ["forward"],
            "note": "the ReLU after conv3 is left out; ReLU is not in the layer table, so only the "
                    "output with the reference weights shows it"}),
        "conv3_stride2.ipynb": (model_notebook(CONV3_STRIDE2_CLASS), {
            "score": 2, "failing": ["param_count", "layers", "forward"],
            "first_differing_layer": 3, "first_differing_key": "stride",
            "diagnosis": {"param_count": "model.fc1_inputs", "layers": "model.stride_differs",
                          "forward": "model.stride_differs"},
            "reasoned": ["layers", "forward"],
            "note": "conv3 with stride 2 (13 -> 7), FC1 takes 256*3*3; the weights of conv3, conv4 "
                    "or conv5 with stride 2 would all fit, the outputs tell conv3"}),
        "hardcoded_10_classes.ipynb": (model_notebook(HARDCODED_10_CLASS), {
            "score": 1, "failing": ["param_count", "output_shape/classes1000", "layers", "forward"],
            "diagnosis": {"param_count": "model.wrong_classes",
                          "output_shape/classes1000": "model.wrong_classes",
                          "layers": "model.classes_ignored", "forward": "model.classes_ignored"},
            "reasoned": ["layers", "forward"],
            "note": "Linear(4096, 10) ignores n_classes: layers and forward compare with the "
                    "reference built for the 1000 classes asked for, and fail"}),
        "extra_batchnorm96.ipynb": (model_notebook(EXTRA_BATCHNORM96_CLASS), {
            "score": 4, "failing": ["param_count", "layers"],
            "diagnosis": {"param_count": "model.batchnorm_added", "layers": "model.batchnorm_added"},
            "reasoned": ["param_count", "layers"],
            "hint_contains": {"layers": "+192 parameters = BatchNorm2d(96) (weight and bias) after conv1"},
            "note": "one BatchNorm2d(96) after conv1 (+192 parameters), named from the tables"}),
        "batchnorm_after_conv1_conv2.ipynb": (model_notebook(BATCHNORM_CONV1_CONV2_CLASS), {
            "score": 4, "failing": ["param_count", "layers"],
            "diagnosis": {"param_count": "model.batchnorm_added", "layers": "model.batchnorm_added"},
            "reasoned": ["param_count", "layers"],
            "hint_contains": {"layers": "+704 parameters = BatchNorm2d(96) (weight and bias) after conv1, "
                                        "BatchNorm2d(256) (weight and bias) after conv2"},
            "note": "BatchNorm2d after conv1 and conv2 (+704 parameters), named from the tables"}),
        "conv3_256_filters.ipynb": (model_notebook(CONV3_256_FILTERS_CLASS), {
            "score": 2, "failing": ["param_count", "layers", "forward"],
            "first_differing_layer": 3, "first_differing_key": "out_channels",
            "diagnosis": {"param_count": "model.channels_differ", "layers": "model.channels_differ",
                          "forward": "model.channels_differ"},
            "reasoned": ["param_count", "layers", "forward"],
            "hint_contains": {"layers": "conv3 has 256 filters instead of 384",
                              "forward": "which shifts conv4 (in_channels 256 instead of 384)"},
            "note": "conv3 with 256 filters (conv4 takes 256 channels): -737,408 parameters"}),
        "no_relu_after_conv4.ipynb": (model_notebook(NO_RELU_AFTER_CONV4_CLASS), {
            "score": 6, "failing": ["forward"], "diagnosis": {"forward": "model.missing_activation"},
            "missing_activation_after": "conv4", "reasoned": ["forward"],
            "note": "the ReLU after conv4 is left out: conv5's input holds negative values, "
                    "where the reference's never does"}),
        "conv2_no_padding.ipynb": (model_notebook(CONV2_NO_PAD_CLASS), {
            "score": 2, "failing": ["param_count", "layers", "forward"],
            "first_differing_layer": 2, "first_differing_key": "padding",
            "diagnosis": {"param_count": "model.fc1_inputs", "layers": "model.padding_differs",
                          "forward": "model.padding_differs"},
            "reasoned": ["layers", "forward"],
            "note": "conv2 without padding (27 -> 23), FC1 takes 256*5*5; the layer table "
                    "first differs in row 2 (1-based), conv2"}),
    }


def write(nb, relative_path):
    """Write one notebook under ROOT, creating its folder."""
    path = ROOT / relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def write_fixtures(assignment, fixtures):
    """Write the fixture notebooks of one assignment and their expected.json."""
    folder = Path("tests/e2e/fixtures") / assignment
    for name, (nb, _) in fixtures.items():
        write(nb, folder / name)
    expected = {name: verdict for name, (_, verdict) in fixtures.items()}
    text = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    (ROOT / folder / "expected.json").write_text(text, encoding="utf-8")


def main():
    """Write every AlexNet notebook and fixture verdict file."""
    params, model = "alexnet_params", "alexnet_model"
    for assignment, template, reference, examples in (
            (params, params_notebook(fields="???"), params_notebook(FORMULA_ANSWERS), {
                "correct": params_notebook(FORMULA_ANSWERS),
                "no_bias": params_notebook(NO_BIAS_ANSWERS)}),
            (model, model_notebook(TEMPLATE_CLASS), model_notebook(REFERENCE_CLASS), {
                "correct": model_notebook(REFERENCE_CLASS),
                "conv2_no_pad": model_notebook(CONV2_NO_PAD_CLASS)})):
        write(template, f"assignments/{assignment}/{assignment}.ipynb")
        write(reference, f"solutions/{assignment}/{assignment}_reference.ipynb")
        for student, nb in examples.items():
            write(nb, f"assignments/{assignment}/examples/{student}/{assignment}.ipynb")
    write_fixtures(params, params_fixtures())
    write_fixtures(model, model_fixtures())


if __name__ == "__main__":
    main()
