"""Front matter: metadata for citations, never a way in."""

from __future__ import annotations

import pytest

from bot.frontmatter import MAX_VALUE, split_front_matter


def test_whitelisted_keys_become_fields_and_the_body_follows() -> None:
    front = split_front_matter(
        "---\ntitle: Minutes\ndate: 2026-05-14\nsource: https://example.org/m\n"
        "organization: APEC\ntags: [a, b]\n---\nBody text.\n"
    )
    assert front.fields == {
        "title": "Minutes",
        "date": "2026-05-14",
        "url": "https://example.org/m",
        "organisation": "APEC",
    }
    assert front.body == "Body text.\n"
    assert front.warnings == ()


def test_no_front_matter_leaves_the_text_alone() -> None:
    assert split_front_matter("Title\n---\nmore").body == "Title\n---\nmore"


@pytest.mark.parametrize(
    ("yaml_text", "warning"),
    [
        (
            "title: !!python/object/apply:os.system ['echo pwned']",
            "could not determine a constructor",
        ),
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]", "aliases are not allowed"),
        ("title: 2024-01-00\ndate: 2024-13-45", "front matter ignored"),
        ("title: [unclosed", "front matter ignored"),
        ("title: Council: minutes of 3 March\ndate: 2024-03-03", "front matter ignored"),
        ("author: @cllr_ruiz\n# a comment\ntags:\n  - budget", "front matter ignored"),
    ],
)
def test_hostile_or_mistyped_metadata_is_ignored_with_a_warning(
    yaml_text: str, warning: str
) -> None:
    front = split_front_matter(f"---\n{yaml_text}\n---\nThe body is still indexed.")
    assert front.fields == {}
    assert front.body == "The body is still indexed."
    assert any(warning in w for w in front.warnings), front.warnings


@pytest.mark.parametrize(
    ("block", "warning"),
    [
        ("- just\n- a list", "not a mapping"),
        ("The council approved the harbour budget.", "not a mapping"),
        ("Item 1: the budget\n  debated: and approved", "front matter read as text"),
    ],
)
def test_a_block_that_is_no_metadata_is_read_as_text(block: str, warning: str) -> None:
    """Text between two rules at the top of a file is the file's own: nothing is lost."""
    front = split_front_matter(f"---\n{block}\n---\nThe body is still indexed.")
    assert front.fields == {}
    assert front.body == f"{block}\n\nThe body is still indexed."
    assert any(warning in w for w in front.warnings), front.warnings


def test_unclosed_front_matter_is_read_as_text() -> None:
    text = "---\ntitle: x\n" + "line\n" * 3000
    front = split_front_matter(text)
    assert front.fields == {}
    assert front.body == text
    assert front.warnings


def test_values_are_single_lines_of_bounded_length() -> None:
    front = split_front_matter(f"---\ntitle: |\n  two\n  lines {'x' * 400}\n---\n")
    assert "\n" not in front.fields["title"]
    assert len(front.fields["title"]) == MAX_VALUE


def test_nested_values_are_refused_per_key() -> None:
    front = split_front_matter("---\ntitle: {nested: map}\nplace: Lima\n---\n")
    assert front.fields == {"place": "Lima"}
    assert "title" in front.warnings[0]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2026-01-10", "2026-01-10"),
        ("'2026-01-10'", "2026-01-10"),
        ("2026-01-10T18:30:00Z", "2026-01-10"),
        ('"Jan 10, 2026"', None),
        ("10/01/2026", None),
        ("'2026-02-30'", None),
    ],
)
def test_a_date_is_a_real_yyyy_mm_dd_date_or_none(written: str, read: str | None) -> None:
    """Documents are ordered by date as ISO strings, so "Jan 10, 2026" would sort after every
    2025 and 2026 date; it is dropped with a warning (the file name's date is used instead)."""
    front = split_front_matter(f"---\ntitle: Minutes\ndate: {written}\n---\nBody.\n")
    assert front.fields.get("date") == read
    assert bool(front.warnings) is (read is None)
