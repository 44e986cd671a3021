"""Unit tests of the reference AlexNet models (solutions/alexnet/models.py), without kernels."""

import importlib.util
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[2]

# The assignment's published answer (notebook week7_CNNbasic_AlexNet_parameters).
PUBLISHED_COUNTS = {
    "Conv_1": 34944, "Max_pool_1": 0, "Conv_2": 614656, "Max_pool_2": 0, "Conv_3": 885120,
    "Conv_4": 1327488, "Conv_5": 884992, "Max_pool_3": 0,
    "FC1": 37752832, "FC2": 16781312, "FC3": 4097000,
}

# (name, kind, kernel, stride, padding, output channels or units), input 227x227x3.
PAPER_LAYERS = (
    ("Conv_1", "conv", 11, 4, 0, 96), ("Max_pool_1", "pool", 3, 2, 0, None),
    ("Conv_2", "conv", 5, 1, 2, 256), ("Max_pool_2", "pool", 3, 2, 0, None),
    ("Conv_3", "conv", 3, 1, 1, 384), ("Conv_4", "conv", 3, 1, 1, 384),
    ("Conv_5", "conv", 3, 1, 1, 256), ("Max_pool_3", "pool", 3, 2, 0, None),
    ("FC1", "fc", None, None, None, 4096), ("FC2", "fc", None, None, None, 4096),
    ("FC3", "fc", None, None, None, 1000),
)


def load_module(relative_path):
    """Import a module of the repository by file path (solutions/ is not a package)."""
    path = ROOT / relative_path
    spec = importlib.util.spec_from_file_location(f"_ref_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


models = load_module("solutions/alexnet/models.py")


def count_by_formula():
    """Parameter counts from K_h*K_w*C_in*C_out + C_out and (N - F + 2P)/S + 1, from 227x227x3."""
    size, channels, units, counts = 227, 3, None, {}
    for name, kind, kernel, stride, pad, width in PAPER_LAYERS:
        if kind == "conv":
            counts[name] = kernel * kernel * channels * width + width
            size, channels = (size - kernel + 2 * pad) // stride + 1, width
        elif kind == "pool":
            counts[name] = 0
            size = (size - kernel + 2 * pad) // stride + 1
        else:
            fan_in = units if units is not None else size * size * channels
            counts[name], units = fan_in * width + width, width
    return counts


@pytest.fixture(scope="module")
def paper():
    torch.manual_seed(0)
    return models.PaperAlexNet()


def total(model):
    return sum(p.numel() for p in model.parameters())


def test_total_parameters(paper):
    assert total(paper) == 62_378_344
    assert total(models.GroupedAlexNet()) == 60_965_224
    assert total(models.torchvision_alexnet()) == 61_100_840


def test_layer_counts_match_published_answer(paper):
    assert models.layer_parameter_counts(paper) == PUBLISHED_COUNTS


def test_formula_cross_check():
    assert count_by_formula() == PUBLISHED_COUNTS
    assert sum(PUBLISHED_COUNTS.values()) == 62_378_344


def test_layer_names_order():
    assert tuple(PUBLISHED_COUNTS) == models.LAYER_NAMES


def test_grouped_counts():
    counts = models.layer_parameter_counts(models.GroupedAlexNet())
    assert (counts["Conv_2"], counts["Conv_4"], counts["Conv_5"]) == (307456, 663936, 442624)
    same = [name for name in models.LAYER_NAMES if name not in ("Conv_2", "Conv_4", "Conv_5")]
    assert {name: counts[name] for name in same} == {n: PUBLISHED_COUNTS[n] for n in same}


def test_counts_reject_other_layouts():
    with pytest.raises(ValueError, match="expected 11"):
        models.layer_parameter_counts(torch.nn.Sequential(torch.nn.Linear(2, 2)))


@pytest.mark.parametrize("n_classes", [1000, 10])
def test_output_shape(paper, n_classes):
    model = paper if n_classes == 1000 else models.PaperAlexNet(n_classes)
    model.eval()
    with torch.no_grad():
        out = model(torch.randn(2, 3, 227, 227))
    assert out.shape == (2, n_classes)
    assert out.dtype == torch.float32


def test_layer_table_shapes(paper):
    paper.train()
    rows = models.layer_table(paper)
    assert [row["output_shape"] for row in rows] == [
        (96, 55, 55), (256, 27, 27), (384, 13, 13), (384, 13, 13), (256, 13, 13),
        (4096,), (4096,), (1000,)]
    assert [row["params"] for row in rows] == [
        count for count in PUBLISHED_COUNTS.values() if count]
    assert rows[1] == {"type": "Conv2d", "in_channels": 96, "out_channels": 256,
                       "kernel_size": (5, 5), "stride": (1, 1), "padding": (2, 2),
                       "groups": 1, "output_shape": (256, 27, 27), "params": 614656}
    assert rows[5] == {"type": "Linear", "in_features": 9216, "out_features": 4096,
                       "output_shape": (4096,), "params": 37752832}
    assert paper.training, "layer_table must restore the training flag"


def test_layer_table_records_batchnorm_in_execution_order():
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4),
                                torch.nn.Flatten(), torch.nn.Linear(4 * 3 * 3, 2))
    rows = models.layer_table(model, (1, 3, 5, 5))
    assert [row["type"] for row in rows] == ["Conv2d", "BatchNorm2d", "Linear"]
    assert rows[1] == {"type": "BatchNorm2d", "num_features": 4, "output_shape": (4, 3, 3),
                       "params": 8}


def test_grouped_table_shows_groups():
    rows = models.layer_table(models.GroupedAlexNet())
    assert [row.get("groups") for row in rows[:5]] == [1, 2, 1, 2, 2]
