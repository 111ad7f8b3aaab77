"""A large catalogue read on two cores (catalogue/halves.py) reads exactly as it does in one piece."""

from __future__ import annotations

import pytest
import yaml

from dscheck import parallel
from dscheck.catalogue import CatalogueError, halves, loader, stream

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HEAD = "# a catalogue\ndscheck: 1\narticles:\n  a: {title: t}\nclaims:\n\n  # the claims\n"


def claim(i: int) -> str:
    return (
        f"  - id: c{i}\n    article: a\n    quote: \"claim {i}\"\n    tags: [t{i % 3}, x]\n    subject: NVDA\n"
        f"    metric: change_pct\n    value: -{i % 17}.{i % 10}0\n    date: 2025-01-27\n"
    )


def catalogue(count: int, tail: str = "") -> str:
    return HEAD + "".join(claim(i) for i in range(count)) + tail


def one_piece(text: str):
    return stream.read(text, "c.yaml", LOADER, max_nodes=loader.MAX_NODES, max_depth=loader.MAX_DEPTH)


def two_parts(text: str):
    return halves.read(text, "c.yaml", LOADER, max_nodes=loader.MAX_NODES, max_depth=loader.MAX_DEPTH, split_at=0)


def same(found, expected) -> bool:
    if found is None or expected is None:
        return found is expected
    (data, sketch), (want, wanted) = found, expected
    return (data, sketch.where, sketch.text, sketch.values) == (want, wanted.where, wanted.text, wanted.values)


def test_the_cut_falls_between_two_claims_near_the_middle():
    text = catalogue(200)
    offset, line = halves._cut(text)
    assert text[offset:].startswith("  - id: c")
    assert 0.4 < offset / len(text) < 0.7
    assert text.count("\n", 0, offset) + 1 == line


@pytest.mark.parametrize(
    "text",
    [
        catalogue(300),
        catalogue(300, tail="timezone: Asia/Seoul  # after the claims\n"),  # a key after the list
        catalogue(300).replace("  - id: c", "- id: c").replace("\n    ", "\n  "),  # items not indented
        catalogue(300).replace("\n", "\r\n"),
    ],
    ids=["plain", "key-after-claims", "unindented-items", "crlf"],
)
def test_two_parts_read_as_one_piece(text):
    assert parallel.available()  # else the test would only read the file in one piece
    offset, line = halves._cut(text)
    parts = (
        one_piece(text[:offset]),
        halves._plain(one_piece("claims:\n" + text[offset:])),
    )
    assert same(halves._join(*parts, "c.yaml", line, loader.MAX_NODES), one_piece(text))  # put together here
    assert same(two_parts(text), one_piece(text))  # the second part read by a child


def test_locations_and_written_values_of_the_second_part_are_the_files_own():
    text = catalogue(300)
    data, sketch = two_parts(text)
    lines = text.splitlines()
    for index in (0, 150, 299):
        at = sketch.at(("claims", index))
        assert lines[at.line - 1][at.column - 1:].startswith(f"id: c{index}\n"[:-1])
        assert sketch.text[("claims", index, "value")] == f"-{index % 17}.{index % 10}0"
    assert len(data["claims"]) == 300


def test_a_quoted_text_running_over_the_cut_is_left_to_the_one_piece_reader(monkeypatch):
    # libyaml takes a double-quoted text whose next line looks like the start of a claim; cut right there,
    # the first part ends inside the quotes, so the parts are not used.
    text = catalogue(300).replace('quote: "claim 200"', 'quote: "claim 200\n  - id: fake\n  more"')
    fake = text.index("  - id: fake")
    monkeypatch.setattr(halves, "FIRST_SHARE", (fake - 5) / len(text))
    offset, _ = halves._cut(text)
    assert offset == fake
    assert one_piece(text)[0]["claims"][200]["quote"] == "claim 200 - id: fake more"
    assert same(two_parts(text), one_piece(text))


def test_a_key_in_both_parts_is_left_to_the_full_reader():
    text = catalogue(300, tail="articles:\n  b: {title: u}\n")  # "articles" again, after the claims
    assert one_piece(text) is None and two_parts(text) is None
    with pytest.raises(CatalogueError, match='duplicate key "articles"'):
        loader.loads(text, "c.yaml")


def test_the_value_limit_counts_both_parts(monkeypatch):
    text = catalogue(300)
    values = one_piece(text)[1].values
    for limit in (values, values - 1):
        found = halves.read(text, "c.yaml", LOADER, max_nodes=limit, max_depth=loader.MAX_DEPTH, split_at=0)
        assert same(found, stream.read(text, "c.yaml", LOADER, max_nodes=limit, max_depth=loader.MAX_DEPTH))
    assert found is None


def test_a_catalogue_read_in_two_parts_gives_the_same_claims_and_problems(monkeypatch):
    text = catalogue(400)
    whole = loader.loads(text, "c.yaml")
    monkeypatch.setattr(halves, "SPLIT_AT", 0)
    assert parallel.available()
    forks = []
    monkeypatch.setattr(parallel, "start", lambda work, start=parallel.start: forks.append(1) or start(work))
    assert loader.loads(text, "c.yaml") == whole
    assert forks == [1]  # read in two parts indeed
    bad = text.replace("  - id: c390\n    article: a\n", "  - id: c390\n    article: b\n")
    with pytest.raises(CatalogueError) as problem:
        loader.loads(bad, "c.yaml")
    line = bad.splitlines().index("    article: b") + 1
    assert str(problem.value) == f'c.yaml:{line}:14: unknown article "b"'


def test_a_process_that_already_holds_much_memory_reads_in_one_piece(monkeypatch):
    monkeypatch.setattr(parallel, "MAX_RESIDENT", parallel._resident() // 2)
    text = catalogue(300)
    assert same(halves.read(text, "c.yaml", LOADER, max_nodes=loader.MAX_NODES, max_depth=loader.MAX_DEPTH, split_at=0),
                one_piece(text))
