"""De-identified aggregate records for county reports (filled in by the privacy feature)."""
