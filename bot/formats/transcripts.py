"""WebVTT and SRT transcripts: who said what, and when.

A cue's speaker comes from a WebVTT voice tag (`<v Maria Lopez>`) or a leading
label (`Maria Lopez:`, `>> MARIA LOPEZ:`); a cue without one continues the
previous speaker, as captions mark only the changes. Consecutive cues of one
speaker become one block, up to about MAX_BLOCK_WORDS words, located at the
first cue's start time ("00:12:31") with `speaker` set, so citations can say who
spoke and when, and prose attribution leaves these blocks alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from bot.analysis import CAPITALS
from bot.formats.common import Extracted, build_document, meta_text
from bot.models import Block, Document
from bot.reading import MAX_TEXT_BYTES, clean, decode, read_bytes

MAX_BLOCK_WORDS = 150

_STAMP = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A timing line: two times and the arrow (no spaces needed round it), then at most WebVTT's
# cue settings ("align:start"); "Q1 --> Q2 up four percent" in a caption is words.
_TIMING = re.compile(rf"^\s*({_STAMP})\s*-->\s*{_STAMP}(?:\s+[\w-]+:\S*)*\s*$")
_TIME = re.compile(r"^(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)(?:[.,]\d{1,3})?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_STYLE_OVERRIDE = re.compile(r"\{\\[^}]*\}")  # {\an8} and similar, common in SRT files
_NAME_WORD = rf"[{CAPITALS}][\w.'’-]*"
_LABEL = re.compile(rf"^(?:>>\s*|-\s*)?({_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})\s*:\s+(\S.*)$")
# Labels that introduce text but are not people.
_NOT_SPEAKERS = frozenset(
    "Note Notes Action Agenda Question Answer Decision Item Subject Summary Update Warning "
    "Re Example Result Vote Motion Time Date Location Caption Captions Music Applause".split()
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One timed caption: its start in seconds and its text lines."""

    start: int
    lines: tuple[str, ...]


def read_transcript(path: Path, rel: str) -> tuple[Document, tuple[str, ...]]:
    """Read a .vtt or .srt file into speaker-attributed, timestamped blocks."""
    decoded = decode(read_bytes(path, MAX_TEXT_BYTES))
    text = clean(decoded.text)
    found = Extracted(tuple(transcript_blocks(parse_cues(text))), title=_vtt_title(text))
    document, _ = build_document(path, rel, found)
    return document, decoded.warnings


def parse_cues(text: str) -> list[Cue]:
    """The cues of a WebVTT or SRT text; headers, notes, styles and bad timings are passed over."""
    cues: list[Cue] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        start: int | None = None  # of the cue being read; None: before one, or a bad timing
        said: list[str] = []
        for line in chunk.strip("\n").split("\n"):
            timing = _TIMING.match(line)
            if not timing:
                said.append(line)
                continue
            # SRT files without a blank line between cues: the number before a timing is
            # the next cue's, not the last one's words.
            if said and said[-1].strip().isdigit():
                said.pop()
            if start is not None:
                cues.append(Cue(start, tuple(said)))
            start, said = _seconds(timing.group(1)), []
        if start is not None:
            cues.append(Cue(start, tuple(said)))
    return cues


def transcript_blocks(cues: list[Cue]) -> list[Block]:
    """Merge consecutive cues of the same speaker into blocks of at most ~MAX_BLOCK_WORDS."""
    blocks: list[Block] = []
    speaker: str | None = None
    current: list[str] = []
    current_speaker: str | None = None
    start = 0

    def flush() -> None:
        if current:
            blocks.append(Block(" ".join(current), timestamp(start), speaker=current_speaker))
            current.clear()

    for cue in cues:
        for line in cue.lines:
            named, words = _speaker_and_words(line)
            speaker = named or speaker
            if not words:
                continue
            if current and (
                speaker != current_speaker or len(current) + len(words) > MAX_BLOCK_WORDS
            ):
                flush()
            if not current:
                start, current_speaker = cue.start, speaker
            current.extend(words)
    flush()
    return blocks


def timestamp(seconds: int) -> str:
    """Seconds as hh:mm:ss, the form citations show."""
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _seconds(value: str) -> int | None:
    found = _TIME.match(value)
    if not found:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def _speaker_and_words(line: str) -> tuple[str | None, list[str]]:
    """A caption line's speaker (voice tag or label), if it names one, and its words."""
    speaker: str | None = None
    voice = _VOICE.search(line)
    if voice:
        speaker = _name(voice.group(1))
    text = html.unescape(_TAG.sub(" ", _STYLE_OVERRIDE.sub("", line))).strip()
    label = _LABEL.match(text)
    if label and speaker is None and _is_name(label.group(1)):
        speaker, text = _name(label.group(1)), label.group(2)
    return speaker, text.split()


def _is_name(label: str) -> bool:
    words = label.split()
    return len(label) > 1 and words[0].rstrip(".") not in _NOT_SPEAKERS


def _name(raw: str) -> str | None:
    """A speaker name as people write it: "MARIA LOPEZ" becomes "Maria Lopez"."""
    name = meta_text(html.unescape(raw))
    if name and name.isupper():
        name = name.title()
    return name


def _vtt_title(text: str) -> str | None:
    """The text after `WEBVTT` on a WebVTT file's first line, if any."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if not re.match(r"^WEBVTT(?:[ \t]|$)", first):
        return None
    title = first[len("WEBVTT") :].strip(" \t-–—:")
    return None if title.upper() == "FILE" else meta_text(title)  # "WEBVTT FILE": an old header
