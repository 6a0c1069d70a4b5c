"""`python -m bot` runs the same command line as `rapporteur`."""

from bot.cli import main

raise SystemExit(main())
