"""Widgets, each made the same way: a state object (plain Python, tested without a
browser) → a render function (HTML or SVG text) → a thin ipywidgets view that wires
controls to the state. Work on ipywidgets 7 (Colab) and 8 (JupyterLab). The top layer:
uses every other subpackage, and none uses it."""
