"""Music in ABC notation (lesson 06): what a tune's text says about its bars, key and
repeats (`abc_text`), music21's reading of it (`reading`: parse, MIDI, notes, the
measures of a sample) and a NumPy synthesiser to hear it (`synth`). Uses `core` and `data`."""
