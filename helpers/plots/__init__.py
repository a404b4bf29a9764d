"""Figures drawn by code (SVG and matplotlib): the unrolled graph, the input/output
patterns, the spectral-radius plot, the live loss curve. Uses `core` only."""
