"""recruitwatch: detect, link and report deceptive military-recruitment offers."""

__version__ = "0.1.0"
