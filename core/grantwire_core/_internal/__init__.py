"""grantwire-core's private ground: call deadlines, the HTTP stack, redaction, telemetry, TLS.

Nothing here is public: names and modules change without notice. Use the public names of
``grantwire_core`` and its ``runtime``, ``tokens`` and ``vendor_kit`` folders instead.
"""
