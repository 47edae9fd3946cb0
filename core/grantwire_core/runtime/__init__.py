"""What generated grantwire clients call: the client package, transport, responses, models' helpers.

Its contract is the range of grantwire-core that each generated client declares (its ``core``
range in generator/clients.toml), not the semantic version that users read: a client generated
against these modules runs on every core in its range, and a change here that a client in the field
cannot follow needs a new lower bound. Generated code imports from these modules only (and from
``grantwire_core.errors``); application code uses ``grantwire_core`` itself.
"""
