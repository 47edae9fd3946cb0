"""Spec linting: our Spectral ruleset and its custom rules."""
