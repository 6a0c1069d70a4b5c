"""The Discord adapter: the only part of Rapporteur that imports discord.py.

It is a thin shell over `KnowledgeService`: commands defer first, run the core in
a worker thread, and send what the renderer produced with mentions disabled.
"""

from bot.discord_app.client import RapporteurClient
from bot.discord_app.runner import EXIT_CONFIG, run

__all__ = ["EXIT_CONFIG", "RapporteurClient", "run"]
