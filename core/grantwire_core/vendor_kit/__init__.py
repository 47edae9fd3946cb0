"""What each vendor's hand-written package builds on: front doors, settings, JWTs, CLIs, consent.

A client's ``lib/`` folder makes its front door (``RingCentral.from_env()``) from ``front_door``
and ``settings``, signs JWT grants with ``jwt``, builds consent URLs with ``authorization`` and
runs its command line with ``cli``. Applications use what the vendor package exports.
"""
