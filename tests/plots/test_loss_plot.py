"""helpers.plots.loss_plot: the live loss curve."""

from helpers.plots.loss_plot import LiveLossPlot


def test_live_loss_plot_collects_without_showing():
    plot = LiveLossPlot(every=2)
    for step, loss in enumerate([3.0, 2.5, 2.0], start=1):
        plot.update(step, loss)
    assert plot.steps == [1, 2, 3] and plot.losses == [3.0, 2.5, 2.0]
    assert plot.png().startswith(b"\x89PNG")
    assert plot.figure().axes[0].get_xlabel() == "passo de treinamento"
    assert "nats" in plot.figure().axes[0].get_ylabel()


def test_validation_points_make_a_second_curve_with_a_legend():
    plot = LiveLossPlot(every=10)
    for step in range(1, 21):
        plot.update(step, 3.0 - 0.1 * step)
    assert not plot.figure().axes[0].get_legend()          # one curve: no legend needed
    plot.validation(10, 2.2)
    plot.validation(20, 1.3)
    ax = plot.figure().axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["treinamento (cada passo)",
                                                            "validação"]
    assert list(ax.get_lines()[1].get_ydata()) == [2.2, 1.3]
