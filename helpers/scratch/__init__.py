"""The recurrence written from scratch in NumPy (lessons 01–03): the cell, the forward
pass, backpropagation through time by hand, gradient norms, clipping, truncated BPTT.
Uses `core` only."""
