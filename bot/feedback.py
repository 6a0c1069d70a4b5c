"""An append-only JSONL log of questions and ratings, for admins to read.

One JSON object a line, written whole under a lock and flushed, so a crash
loses at most the line being written. Failures to write are logged, never
raised: the log must not take answering down.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class FeedbackLog:
    """Appends records to a JSONL file; with no path it does nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()

    def write(self, kind: str, **fields: Any) -> None:
        """Append one record {"type": kind, "time": ISO 8601 UTC, **fields}."""
        if self.path is None:
            return
        record = {
            "type": kind,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **fields,
        }
        try:
            line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # A lone surrogate (a half emoji a client sent) is written as its JSON escape.
                with self.path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
                    handle.write(line)
        except Exception:  # an answer already sent must not be taken back for a log line
            log.warning("could not write to the feedback log %s", self.path, exc_info=True)
