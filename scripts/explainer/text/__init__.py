"""Markdown text as the engine reads it: positions for messages, `[[fact:ID]]` references, the
site's own running prose (outside code, quotations and markup) and French typography."""
