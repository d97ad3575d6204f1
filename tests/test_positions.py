"""Offsets to lines and columns: the one helper every located diagnostic goes through."""

from __future__ import annotations

from html.parser import HTMLParser

from explainer.text.positions import LineIndex

TEXT = "first\n\nthird line\nfé\n"


def test_positions_count_lines_and_characters_from_one() -> None:
    lines = LineIndex(TEXT)
    assert lines.position(0) == (1, 1)
    assert lines.position(4) == (1, 5)
    assert lines.position(5) == (1, 6)  # the newline ends its own line
    assert lines.position(6) == (2, 1)  # an empty line
    assert lines.position(TEXT.index("line")) == (3, 7)
    assert lines.position(TEXT.index("é")) == (4, 2)  # characters, not bytes
    assert lines.position(len(TEXT)) == (5, 1)


def test_first_line_shifts_lines_but_not_columns() -> None:
    assert LineIndex(TEXT, first_line=4).position(TEXT.index("line")) == (6, 7)


def test_offset_is_the_inverse_for_html_parser_positions() -> None:
    text = "<p>a</p>\n  <a href=x>\n<b>"
    found: list[int] = []
    lines = LineIndex(text)

    class _Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append(lines.offset(*self.getpos()))

    parser = _Tags()
    parser.feed(text)
    parser.close()
    assert [text[i : i + 2] for i in found] == ["<p", "<a", "<b"]
    assert [lines.position(i) for i in found] == [(1, 1), (2, 3), (3, 1)]
