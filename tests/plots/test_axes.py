import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers.core.language import set_language  # noqa: E402
from helpers.plots.axes import localize  # noqa: E402


def _labels(axis):
    return [label.get_text() for label in axis.get_ticklabels()]


def test_tick_labels_follow_the_language():
    fig, (linear, log) = plt.subplots(1, 2)
    linear.plot([0, 1], [0.1, 0.3])
    log.semilogy([1, 2], [1e-3, 2.0])
    localize(localize(fig))          # twice is the same as once
    fig.canvas.draw()
    assert "0,50" in _labels(linear.xaxis) and not any("." in s for s in _labels(linear.yaxis))
    assert all("," not in s or "{,}" in s for s in _labels(log.yaxis))  # mathtext: no space
    set_language("en")
    fig.canvas.draw()
    assert "0.50" in _labels(linear.xaxis)
    plt.close(fig)


def test_the_piano_roll_names_pitches_in_the_readers_language():
    from helpers.plots.piano_roll import piano_roll, pitch_name

    assert pitch_name(60) == "C4" and pitch_name(69) == "A4"
    fig = piano_roll([(0.0, 0.5, 60), (0.5, 1.0, 64)], bars=[0.0, 1.0], title="x")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "tempo (s)" and ax.get_ylabel() == "nota"
    assert [label.get_text() for label in ax.get_yticklabels()] == ["C4", "E4"]


def _shown(fig, monkeypatch):
    """What `show(fig)` hands to IPython's display."""
    import IPython.display

    import helpers.plots.axes as axes

    shown = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda obj, raw=False: shown.append((obj, raw)))
    axes.show(fig)
    return shown


def _is_png_of(shown, fig):
    (bundle, raw), = shown
    return raw and bundle["image/png"][:8] == b"\x89PNG\r\n\x1a\n" and \
        bundle["text/plain"] == repr(fig)


def test_show_displays_a_figure_that_pyplot_did_not_make(monkeypatch):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2))  # as the helpers' plots (piano roll, attention maps) are made
    fig.add_subplot().plot([0, 1], [0.5, 1.5])
    assert _is_png_of(_shown(fig, monkeypatch), fig)


def test_show_displays_a_pyplot_figure_once(monkeypatch):
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    assert _is_png_of(_shown(fig, monkeypatch), fig)
    assert not plt.fignum_exists(fig.number)  # closed: the cell's end does not draw it again


def test_show_refuses_what_is_not_a_figure_in_the_readers_language():
    import pytest

    from helpers.plots.axes import show

    set_language("pt")
    with pytest.raises(TypeError, match="recebe uma figura"):
        show([1, 2, 3])
