"""Generic helpers with no portal meaning, below every app (healthchecks' `hc/lib`)."""
