"""openapi-python-client's own functional tests, run against our generator (``nox -s peer``)."""
