"""Release tooling: reproducible builds and the refusals that guard a publish."""
