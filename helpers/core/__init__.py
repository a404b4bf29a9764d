"""The bottom layer, used by every other part: the reader's language and its messages,
argument checks, the device, seeds, CPU threads, the recorded pass (`StepTrace`) and the
exercises' self-check. Imports nothing from the other subpackages."""
