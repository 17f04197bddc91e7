"""Privacy: field classes, share presets, redaction, link safety, image sanitising, erasure."""
