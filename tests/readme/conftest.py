"""The README blocks call the vendors through Prism mocks of our specs: the same fixture as the
contract tests."""

from tests.contract.conftest import prism_url

__all__ = ["prism_url"]
