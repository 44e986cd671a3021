"""The reference notebooks score full marks; each example loses exactly the points of its bug."""

import pytest

KERAS = ("keras_param_count", "keras_output_shape", "keras_layers", "keras_forward")  # PyTorch-only: not counted
CONV_CASES = ("public", "pad0", "pad1", "pad2_stride2", "stride2", "h_ne_w", "kernel3x1")
EXAMPLES = {
    "assignments/conv_numpy/examples/correct/conv_numpy.ipynb": (10.0, set()),
    "assignments/conv_numpy/examples/pad_crop/conv_numpy.ipynb":
        (9.0, {"conv_backward_naive/pad0", "conv_backward_naive/stride2"}),
    "assignments/conv_numpy/examples/pool_overwrite/conv_numpy.ipynb":
        (9.0, {"max_pool_backward_naive/overlap3x3", "max_pool_backward_naive/pool2x1"}),
    "assignments/conv_numpy/examples/no_bias/conv_numpy.ipynb":
        (7.5, {f"conv_forward_naive/{c}" for c in CONV_CASES}),
    "assignments/alexnet_params/examples/correct/alexnet_params.ipynb": (16.5, set()),
    "assignments/alexnet_params/examples/no_bias/alexnet_params.ipynb":
        (8.5, {"Conv_1", "Conv_2", "Conv_3", "Conv_4", "Conv_5", "FC1", "FC2", "FC3"}),
    "assignments/alexnet_model/examples/correct/alexnet_model.ipynb": (9.0, set(KERAS)),
    "assignments/alexnet_model/examples/conv2_no_pad/alexnet_model.ipynb":
        (3.0, {"param_count", "layers", "forward"} | set(KERAS)),
    "assignments/cnn_arithmetic/examples/correct/cnn_arithmetic.ipynb": (9.0, set()),
    "assignments/cnn_arithmetic/examples/no_bias/cnn_arithmetic.ipynb":
        (6.0, {"conv_param_count/lecture", "conv_param_count/hidden", "bottleneck_param_count/lecture",
               "bottleneck_param_count/hidden"}),
    "assignments/cnn_arithmetic/examples/pad_once/cnn_arithmetic.ipynb":
        (5.5, {"conv_output_size/same_padding", "conv_output_size/does_not_fit", "conv_output_size/hidden",
               "conv_output_size/hidden_padded", "conv_output_size/hidden_does_not_fit",
               "pool_output_size/does_not_fit", "pool_output_size/hidden_does_not_fit"}),
}


def test_reference_notebooks_score_full_marks(bundled_results):
    references = {p: r for p, r in bundled_results.items() if p.startswith("solutions/")}
    assert len(references) == 4
    for path, result in references.items():
        assert result["status"] == "graded", (path, result["message"])
        by_hand = sum(m["max_score"] for m in result.get("manual", ()))  # [[manual]]: a TA scores it
        assert result["score"] == result["max_score"] - by_hand, (path, [c for c in result["checks"] if c["status"] != "pass"])


@pytest.mark.parametrize("path", sorted(EXAMPLES))
def test_example_verdict(bundled_results, path):
    score, failing = EXAMPLES[path]
    result = bundled_results[path]
    assert {c["id"] for c in result["checks"] if c["status"] != "pass"} == failing
    assert result["score"] == pytest.approx(score)


def test_every_example_is_graded(bundled_results):
    examples = [p for p in bundled_results if "/examples/" in p]
    assert sorted(examples) == sorted(EXAMPLES)
    assert all(bundled_results[p]["status"] == "graded" for p in examples)
