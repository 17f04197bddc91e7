"""Import and export: JSON, CSV, report, share card, Open Badges."""
