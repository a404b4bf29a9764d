"""A loss curve that redraws itself while a model trains (lessons 04 and 06).

`LiveLossPlot.update(step, loss)` has the signature of the training loop's `callback`;
`validation(step, loss)` adds a point to a second curve, the validation loss (lesson 06);
every `every` steps it redraws the curve in place, through an IPython display handle, as
a PNG image (the figure itself is never shown by matplotlib, so the inline backend adds
nothing at the end of the cell). Nothing appears until the notebook calls `show()`.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from ..core.language import register, t


class LiveLossPlot:
    """Collects (step, loss) pairs and redraws their curve every `every` steps."""

    def __init__(self, every: int = 25, title: str | None = None):
        self.every = max(1, int(every))
        self.title = title
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.val_steps: list[int] = []
        self.val_losses: list[float] = []
        self._handle = None

    def figure(self) -> Figure:
        """The curve so far as a matplotlib Figure (not attached to pyplot)."""
        fig = Figure(figsize=(6, 3))
        ax = fig.add_subplot()
        ax.plot(self.steps, self.losses, lw=1, label=t("lossplot.train"))
        if self.val_steps:
            ax.plot(self.val_steps, self.val_losses, "o-", lw=1.5, label=t("lossplot.val"))
            ax.legend()
        ax.set_xlabel(t("lossplot.xlabel"))
        ax.set_ylabel(t("lossplot.ylabel"))
        if self.title:
            ax.set_title(self.title)
        ax.grid(alpha=0.3)
        fig.tight_layout()
        return fig

    def png(self) -> bytes:
        """The current curve as PNG bytes."""
        buffer = io.BytesIO()
        self.figure().savefig(buffer, format="png", dpi=80)
        return buffer.getvalue()

    def show(self) -> None:
        """Display the (empty) plot; later updates redraw it in place."""
        from IPython.display import Image, display
        self._handle = display(Image(self.png()), display_id=True)

    def redraw(self) -> None:
        """Redraw the shown plot now (e.g. once more after the last step)."""
        if self._handle is not None:
            from IPython.display import Image
            self._handle.update(Image(self.png()))

    def update(self, step: int, loss: float) -> None:
        """Record one step's loss; redraw every `every` steps if shown."""
        self.steps.append(int(step))
        self.losses.append(float(loss))
        if step % self.every == 0:
            self.redraw()

    def validation(self, step: int, loss: float) -> None:
        """Record the validation loss measured after `step` and redraw."""
        self.val_steps.append(int(step))
        self.val_losses.append(float(loss))
        self.redraw()


# ---- messages (both languages; looked up with t() when a message is shown) ----

register({
    "lossplot.xlabel": {"pt": "passo de treinamento", "en": "training step"},
    "lossplot.train": {"pt": "treinamento (cada passo)", "en": "training (every step)"},
    "lossplot.val": {"pt": "validação", "en": "validation"},
    "lossplot.ylabel": {"pt": "perda (entropia cruzada, nats)",
                        "en": "loss (cross-entropy, nats)"},
})
