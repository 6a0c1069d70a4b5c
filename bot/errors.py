"""The project's exceptions, one tree with one base to catch.

    RapporteurError
    ├── ConfigError          a config file or key is wrong (names the file and the key)
    ├── InputError           a file given to `rapporteur eval` is malformed (names it and where)
    └── TemplateError        a template (built-in or override) failed to load or render

A bad document is never an exception that escapes the loader: each file gets an
outcome (loaded, skipped with a reason), so one broken file cannot stop a reload.
"""

from __future__ import annotations


class RapporteurError(Exception):
    """Base class of every error Rapporteur raises on purpose."""


class ConfigError(RapporteurError):
    """The configuration is invalid; the message names the file and the key."""


class InputError(RapporteurError, ValueError):
    """A benchmark or question-set file is malformed; the message names the file and where."""


class TemplateError(RapporteurError):
    """A reply template is missing, broken, or rendered to nothing usable."""
