"""grantwire's generator: OpenAPI specs in, typed Python client packages out.

Run it as ``python -m generator``; see ``generator.cli`` for the options.
"""
