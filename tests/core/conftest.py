"""grantwire_core on its own: a client package of the tests' own, no generated code."""

from __future__ import annotations

from grantwire_core.client import AuthenticatedClient, Client
from grantwire_core.runtime.package import ClientPackage

PACKAGE = ClientPackage(package="grantwire_example", distribution="grantwire-example", version="1.2.3")


class ExampleClient(Client):
    package = PACKAGE


class ExampleAuthenticatedClient(AuthenticatedClient):
    package = PACKAGE
