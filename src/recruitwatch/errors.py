"""The errors recruitwatch raises; the CLI and the web app map each to one message shape."""

from __future__ import annotations


class RecruitwatchError(Exception):
    """Base class: a message a user can act on."""


class InvalidInput(RecruitwatchError):
    """An input file or option is unusable as a whole (not one bad record: that is a Reject)."""


class NotFound(RecruitwatchError):
    """A named thing (file, record, rule) does not exist."""


class ConfigError(RecruitwatchError):
    """Settings or data files are wrong."""


class ModelError(RecruitwatchError):
    """A model file is unreadable, or was trained on other features than this build computes."""
