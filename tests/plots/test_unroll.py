"""Lesson 02's diagrams: the unrolled graph's layout and drawing, the input/output patterns,
and the T control (slider -> redrawn image) driven headlessly."""

import xml.etree.ElementTree as ET

import matplotlib.pyplot as plt
import pytest

from helpers.core.language import set_language
from helpers.plots.unroll import (
    PATTERNS,
    draw_patterns,
    draw_unrolled,
    pattern_layout,
    unrolled_layout,
    unrolled_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def ids(markup: str, prefix: str) -> list[str]:
    """The ids starting with `prefix` in an SVG drawing (which must be well-formed XML)."""
    root = ET.fromstring(markup)
    return sorted(e.get("id") for e in root.iter() if (e.get("id") or "").startswith(prefix))


def texts(markup: str) -> list[str]:
    """Each <text>'s words, its sub/superscripts included ("W" + "hh" -> "Whh")."""
    return ["".join(e.itertext()) for e in ET.fromstring(markup).iter(f"{SVG}text")]


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
    markup = unrolled_svg(T)
    assert len(ids(markup, "node:x_")) == T and len(ids(markup, "node:y_")) == T
    assert len(ids(markup, "node:h_")) == T + 1
    for weight in ("W_xh", "W_hh", "W_hy"):
        assert len(ids(markup, f"weight:{weight}:")) == T
    shown = texts(markup)
    assert "Whh" in shown and "ŷ1" in shown and "h0" in shown
    assert ids(markup, "highlight") == []
    # One more column is wider: the drawing grows with T.
    assert float(ET.fromstring(unrolled_svg(T + 1)).get("width")) > float(
        ET.fromstring(markup).get("width"))


def test_highlight_shades_exactly_the_chosen_column():
    markup = unrolled_svg(4, highlight=3)
    assert ids(markup, "highlight") == ["highlight:3"]
    boxes = {e.get("id"): float(e.get("stroke-width")) for e in ET.fromstring(markup).iter()
             if (e.get("id") or "").startswith("node:")}
    assert boxes["node:h_3"] > boxes["node:h_2"]  # the step's boxes are drawn bolder
    with pytest.raises(ValueError, match="entre 1 e T = 4"):
        unrolled_svg(4, highlight=5)


def test_draw_unrolled_shows_the_svg_with_a_stable_text():
    drawing = draw_unrolled(3, highlight=2)
    assert drawing._repr_svg_() == unrolled_svg(3, highlight=2)
    assert repr(drawing) == "Grafo desenrolado (T = 3)"


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
    assert "A RNN desenrolada em T = 3 passos" in texts(unrolled_svg(3))
    set_language("en")
    assert "The RNN unrolled over T = 3 steps" in texts(unrolled_svg(3))








def test_one_pattern_name_draws_that_pattern():
    fig = draw_patterns("seq2seq")
    assert len(fig.axes) == 1
    plt.close(fig)


def test_numpy_integers_count_like_python_ones():
    import numpy as np
    assert unrolled_layout(np.int64(3)).T == 3
    assert ids(unrolled_svg(np.int64(4), highlight=np.int64(2)), "highlight") == ["highlight:2"]


def test_generation_feeds_outputs_back_and_a_decoder_starts_from_a_token():
    set_language("en")
    fig = draw_patterns()
    by_title = {ax.get_title(): ax for ax in fig.axes}

    def boxes(title, prefix):
        return sorted(p.get_gid() for p in by_title[title].patches
                      if (p.get_gid() or "").startswith(prefix))

    assert boxes("one-to-many", "fed:") == ["fed:2", "fed:3", "fed:4"]
    assert boxes("sequence to sequence", "fed:") == ["fed:5", "fed:6"]
    assert boxes("sequence to sequence", "start:") == ["start:4"]
    assert boxes("many-to-one", "fed:") == []
    legend = [text.get_text() for text in fig.legends[0].get_texts()]
    assert legend == ["input", "hidden state", "output", "previous output as input (s = start)"]
    plt.close(fig)
