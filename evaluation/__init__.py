"""Evaluations on held-out data that the model is never trained on."""
