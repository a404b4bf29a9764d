"""Data: vocabularies of tokens (characters, words, music symbols), the bundled texts
(`corpus_pt.txt`, `corpus_en.txt`, written for this project; see README.md here) and the
ABC folk tunes that music21 installs (`tunes`). Uses `core` only."""
