"""Data: vocabularies of tokens (characters, words, music symbols) and the bundled texts
(`corpus_pt.txt`, `corpus_en.txt`, written for this project; see README.md here).
Uses `core` only."""
