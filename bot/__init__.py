"""Rapporteur: cited, quoted answers about a folder of meeting documents."""

__version__ = "0.1.0"
