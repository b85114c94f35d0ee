"""Advocate console tables (filled in by the console feature)."""
