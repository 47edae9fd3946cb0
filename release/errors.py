"""The one exception release commands raise on purpose: its message says what to do."""


class ReleaseRefused(Exception):
    """A build, check or publish that must not go ahead; nothing was uploaded."""
