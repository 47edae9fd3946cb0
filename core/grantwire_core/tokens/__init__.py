"""Access tokens: their sources (``sources``) and the stores that keep and share them.

``GrantTokenSource`` asks a token endpoint for a token and renews it; ``store`` defines the store
protocols and the in-memory store, ``file_store`` and ``redis_store`` share one token between
processes and hosts. The usual names are also on ``grantwire_core`` itself.
"""

from .._internal.moved import forwarder

# Before its folders, grantwire-core had the token sources in the module grantwire_core.tokens (now tokens.sources).
__getattr__ = forwarder(__name__)
