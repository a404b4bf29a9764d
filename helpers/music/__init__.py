"""Music in ABC notation (lesson 06): what a tune's text says about its bars, key and
repeats, and (later) music21's reading of it. Uses `core` and `data`."""
