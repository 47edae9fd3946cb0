"""Contract tests: the generated clients against Prism mock servers built from our specs."""
