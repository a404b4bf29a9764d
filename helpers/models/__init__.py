"""PyTorch models and what they do: the character model (RNN, LSTM or GRU), its training
loops, sampling, checkpoints and one-call training on a text. Uses `core` and `data`."""
