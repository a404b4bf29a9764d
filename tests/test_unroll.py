"""Lesson 02's diagrams: the unrolled graph's layout and drawing, the input/output patterns,
and the T control (slider -> redrawn image) driven headlessly."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.language import set_language
from helpers.stepper import HiddenStateStepper
from helpers.trace import StepTrace
from helpers.unroll import (
    PATTERNS,
    UnrollExplorer,
    draw_patterns,
    draw_unrolled,
    figure_png,
    pattern_layout,
    unrolled_layout,
)


def gids(fig, prefix):
    found = [a.get_gid() for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)]
    return sorted(found)


@pytest.mark.parametrize("T", [1, 3, 7])
def test_layout_has_one_column_per_step_with_the_same_weights(T):
    graph = unrolled_layout(T)
    assert {n.step for n in graph.nodes if n.kind == "x"} == set(range(1, T + 1))
    assert len(graph.nodes) == 1 + 3 * T            # h_0, then x_t, h_t, y_t per column
    assert len(graph.edges) == 3 * T
    for weight in ("W_xh", "W_hh", "W_hy"):
        assert sum(e.weight == weight for e in graph.edges) == T
    assert graph.edges[1].source == "h_0" and graph.edges[1].target == "h_1"
    assert len(unrolled_layout(T, outputs=False).nodes) == 1 + 2 * T


@pytest.mark.parametrize("T", [2, 5])
def test_drawing_shows_T_columns_and_the_weight_labels(T):
    fig = draw_unrolled(T)
    assert len(gids(fig, "node:x_")) == T and len(gids(fig, "node:y_")) == T
    assert len(gids(fig, "node:h_")) == T + 1
    for weight in ("W_xh", "W_hh", "W_hy"):
        assert len(gids(fig, f"weight:{weight}:")) == T
    texts = [text.get_text() for text in fig.axes[0].texts]
    assert r"$W_{hh}$" in texts and r"$\hat y_{1}$" in texts
    assert gids(fig, "highlight") == []
    plt.close(fig)


def test_highlight_shades_exactly_the_chosen_column():
    fig = draw_unrolled(4, highlight=3)
    assert gids(fig, "highlight") == ["highlight:3"]
    plt.close(fig)
    with pytest.raises(ValueError, match="entre 1 e T = 4"):
        draw_unrolled(4, highlight=5)


@pytest.mark.parametrize("bad", [0, 13, 2.0, "3", True])
def test_bad_T_is_refused_clearly(bad):
    with pytest.raises(ValueError, match="comprimento da sequência"):
        unrolled_layout(bad)


def test_patterns_say_where_inputs_and_outputs_are():
    assert pattern_layout("many-to-one")["outputs"] == [4]
    assert pattern_layout("one-to-many")["inputs"] == [1]
    seq2seq = pattern_layout("seq2seq")
    assert not set(seq2seq["inputs"]) & set(seq2seq["outputs"])  # read all, then write
    with pytest.raises(ValueError, match="Padrão desconhecido"):
        pattern_layout("many-to-few")


def test_patterns_drawing_has_a_panel_per_pattern_with_its_boxes():
    set_language("en")
    fig = draw_patterns()
    assert [ax.get_title() for ax in fig.axes] == [
        "one-to-many", "many-to-one", "many-to-many", "sequence to sequence"]
    for ax, name in zip(fig.axes, PATTERNS):
        layout = pattern_layout(name)
        boxes = [p.get_gid() for p in ax.patches if p.get_gid()]
        assert sum(g.startswith("x:") for g in boxes) == len(layout["inputs"])
        assert sum(g.startswith("y:") for g in boxes) == len(layout["outputs"])
        assert sum(g.startswith("h:") for g in boxes) == layout["columns"]
    plt.close(fig)


def test_pattern_colours_avoid_red_green():
    """Inputs orange, states grey, outputs blue (the lesson's prose names these colours)."""
    fig = draw_patterns(["many-to-many"])
    colour = {}
    for patch in fig.axes[0].patches:
        if patch.get_gid():
            colour[patch.get_gid().split(":")[0]] = patch.get_facecolor()[:3]
    plt.close(fig)
    (xr, xg, xb), (hr, hg, hb), (yr, yg, yb) = colour["x"], colour["h"], colour["y"]
    assert xr > xg > xb                              # orange: red > green > blue
    assert yb > yg > yr                              # blue
    assert max(hr, hg, hb) - min(hr, hg, hb) < 0.02  # grey, neither red nor green


def test_title_follows_the_language():
    fig = draw_unrolled(3)
    assert fig.axes[0].get_title() == "A RNN desenrolada em T = 3 passos"
    plt.close(fig)
    set_language("en")
    fig = draw_unrolled(3)
    assert fig.axes[0].get_title() == "The RNN unrolled over T = 3 steps"
    plt.close(fig)


def test_figure_png_gives_png_bytes_and_closes_the_figure():
    fig = draw_unrolled(2)
    data = figure_png(fig)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert not plt.fignum_exists(fig.number)


def png_width(data: bytes) -> int:
    return int.from_bytes(data[16:20], "big")


def test_slider_redraws_the_image_for_the_new_T():
    explorer = UnrollExplorer(T=2, max_T=8)
    small = explorer.image.value
    explorer.slider.value = 6
    assert explorer.T == 6
    assert explorer.image.value != small
    assert png_width(explorer.image.value) > png_width(small)   # more columns, wider image
    assert "rnn-unroll-slider" in explorer.slider._dom_classes
    assert "rnn-unroll-image" in explorer.image._dom_classes
    assert explorer._repr_mimebundle_()["text/plain"] == "Grafo desenrolado (T = 6)"
    assert not plt.get_fignums()                                 # nothing left open


def test_explorer_follows_a_stepper():
    trace = StepTrace(tokens=list("abcde"), h=np.zeros((6, 2)))
    stepper = HiddenStateStepper(trace)
    explorer = UnrollExplorer(T=3).follow(stepper)
    assert explorer.T == 5 and explorer.highlight == 1
    assert "rnn-unroll-follower" in explorer.image._dom_classes
    assert "rnn-unroll-follower" not in UnrollExplorer(T=3).image._dom_classes
    before = explorer.image.value
    stepper.next_button.click()
    assert explorer.highlight == 2 and explorer.image.value != before
    explorer.slider.value = 1                  # shorter than the stepper's step
    assert explorer.highlight is None
    stepper.slider.value = 4
    assert explorer.highlight is None
    with pytest.raises(ValueError):
        explorer.set_highlight(3)
