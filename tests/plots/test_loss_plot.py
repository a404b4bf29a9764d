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
