"""Failed checks say what is wrong and where, with the student's own traceback."""

from helpers import SEED  # noqa: F401  (graded with the fixed seed of the session fixture)


def checks_of(results, key):
    return {c["id"]: c for c in results[key]["checks"]}


def test_shape_mismatch_names_both_shapes(fixture_results):
    checks = checks_of(fixture_results, "conv_numpy/conv_backward_no_pad_crop.ipynb")
    assert checks["conv_backward_naive/pad0"]["message"].startswith(
        "`dx` has shape (2, 3, 0, 0), expected (2, 3, 6, 6)")


def test_value_mismatch_names_the_worst_index(fixture_results):
    message = checks_of(fixture_results, "conv_numpy/max_pool_backward_overwrite.ipynb")[
        "max_pool_backward_naive/overlap3x3"]["message"]
    assert "rel_error" in message and "at index (" in message and "reference gives" in message


def test_raised_exception_carries_the_students_traceback(fixture_results):
    check = fixture_results["conv_numpy/untouched_template.ipynb"]["checks"][0]
    assert check["status"] == "error"
    assert "raised NotImplementedError" in check["message"]
    assert "conv_forward_naive" in check["traceback"]
    assert "cnn-grader harness" not in check["traceback"]


def test_missing_function_is_named(fixture_results):
    checks = checks_of(fixture_results, "conv_numpy/missing_function.ipynb")
    missing = [c for i, c in checks.items() if i.startswith("max_pool_backward_naive/")]
    assert {c["message"] for c in missing} == {"`max_pool_backward_naive` is not defined in the notebook"}


def test_wrong_arity_says_what_came_back(fixture_results):
    checks = checks_of(fixture_results, "conv_numpy/wrong_return_arity.ipynb")
    assert "expected a tuple (out, cache)" in checks["conv_forward_naive/public"]["message"]
    assert "to get the cache for `conv_backward_naive`" in checks["conv_backward_naive/public"]["message"]


def test_a_tuple_is_not_a_count(fixture_results):
    checks = checks_of(fixture_results, "alexnet_params/output_shapes_instead.ipynb")
    assert checks["Conv_1"]["message"] == "`Conv_1` is a tuple (55, 55, 96), expected an integer count"


def test_param_count_says_how_many_more(fixture_results):
    checks = checks_of(fixture_results, "alexnet_model/batchnorm_added.ipynb")
    assert "expected 62,378,344 (+2,752)" in checks["param_count"]["message"]


def test_cells_that_failed_are_listed(fixture_results):
    cells = fixture_results["conv_numpy/first_cell_raises.ipynb"]["cells"]
    assert cells and cells[0]["index"] == 0 and cells[0]["status"] == "error"
