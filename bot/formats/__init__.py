"""Readers for each document format, on the safe-reading helpers of `bot.reading`.

Markdown and plain text (`text`), HTML, PDF, DOCX, and WebVTT/SRT transcripts; the
PDF, DOCX and HTML parsers run in a killable worker process (`isolation`).
"""
