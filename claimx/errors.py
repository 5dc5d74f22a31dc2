"""Errors claimx raises; the CLI alone turns them into messages and exit codes."""


class ClaimxError(Exception):
    """Base class: every failure claimx expects to report to a user."""

    exit_code = 1


class UsageError(ClaimxError):
    """The command line asks for something that cannot be done (exit 2)."""

    exit_code = 2


class RulesError(UsageError):
    """A rule file is malformed: names the file and the key."""


class ModelError(UsageError):
    """The spaCy pipeline named by --model is not installed."""


class InputError(ClaimxError):
    """One input could not be read or processed; the others go on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class SheetError(ClaimxError):
    """A file given as a fact sheet is not one."""
