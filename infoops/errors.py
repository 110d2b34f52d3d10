"""The one exception family the CLI turns into a clear one-line message (exit code 1)."""


class InfoopsError(Exception):
    """An error the user can act on; its message is shown as it is, without a traceback."""


class InputError(InfoopsError):
    """Bad input: names the file (and line) at fault."""


class ParameterError(InfoopsError):
    """A query parameter that is undeclared, missing or of the wrong type."""
