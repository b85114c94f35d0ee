"""Harbor's benchmark: a load generator and a stock Rasa baseline (see bench/README.md)."""
