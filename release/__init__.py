"""Building, checking and publishing the generated client distributions.

``python -m release build|publish|rehearse``; the nox sessions ``build``, ``publish`` and
``release-rehearsal`` run it with the tools it needs.
"""
