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
