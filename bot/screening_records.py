"""De-identified screening records (filled in by the staff feature)."""
