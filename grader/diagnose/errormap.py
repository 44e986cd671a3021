"""Error maps: a small PNG per failed array, one panel per channel, inlined as a data: URI.

The only module that imports matplotlib; it draws with the Agg renderer on a Figure of its
own (no pyplot, no global state), so worker processes can draw at the same time.
"""

from __future__ import annotations

import base64
import io

import numpy as np

MAX_PANELS = 8
PANEL_INCHES = 0.85
DPI = 72


def channel_errors(got: np.ndarray, expected: np.ndarray) -> np.ndarray | None:
    """|got - expected| as (panels, H, W): axis 1 as panels, largest over axis 0 (the batch);
    None for arrays with fewer than two axes."""
    err = np.abs(got.astype(np.float64) - expected)
    if err.ndim < 2 or err.size == 0:
        return None
    if err.ndim == 2:
        return err[None]
    if err.ndim == 3:
        return err
    return err.reshape(err.shape[0], err.shape[1], err.shape[-2], -1).max(axis=0)


def error_map_png(got: np.ndarray, expected: np.ndarray) -> str | None:
    """A data:image/png;base64 URI of the per-channel error of `got`, or None."""
    from matplotlib.figure import Figure  # imported here: only failed array checks draw

    panels = channel_errors(got, expected)
    if panels is None:
        return None
    shown = panels[:MAX_PANELS]
    vmax = float(panels.max()) or 1.0
    figure = Figure(figsize=(PANEL_INCHES * len(shown) + 0.1, PANEL_INCHES + 0.25), dpi=DPI)
    axes = figure.subplots(1, len(shown), squeeze=False)[0]
    for index, (ax, panel) in enumerate(zip(axes, shown)):
        ax.imshow(panel, cmap="Reds", vmin=0.0, vmax=vmax, interpolation="nearest")
        ax.set_title(str(index), fontsize=7, pad=2)
        ax.set_xticks([])
        ax.set_yticks([])
    figure.subplots_adjust(left=0.02, right=0.98, bottom=0.03, top=0.8, wspace=0.12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
