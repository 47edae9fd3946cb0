"""The one exception the generator raises for bad input."""


class GeneratorFailure(Exception):
    """Input the generator cannot turn into a client: the message says what and where.

    The CLI prints the message alone, without a traceback, because the fix is always in the input
    (a spec, the manifest, a template), never in the generator's call stack.
    """
