"""Voting among several readings of one value: majority first, then the document's rules, never a made-up value."""

from __future__ import annotations

from kagaz.text.vote import vote


def test_majority_of_the_readings_replaces_the_page_readers_misread_digit() -> None:
    v = vote(["79/9", "79/9", "79/9", "79/6"], first="79/6")
    assert (v.value, v.decided, v.votes, v.total) == ("79/9", True, 3, 5)


def test_a_tie_keeps_the_first_reading_undecided() -> None:
    v = vote(["79/9", "79/6", "79/9"], first="79/6")
    assert (v.value, v.decided) == ("79/6", False)


def test_a_value_the_document_prints_elsewhere_breaks_a_tie() -> None:
    assert vote(["79/9", "79/6", "79/9"], first="79/6", confirmed={"79/9"}).value == "79/9"
    # confirmation only breaks ties: it never outvotes a clear majority
    assert vote(["79/6", "79/6", "79/9"], first="79/6", confirmed={"79/9"}).value == "79/6"


def test_no_value_is_made_up_from_one_reading_or_from_a_minority() -> None:
    assert vote([None, None, "887"]).value is None
    assert vote(["887", "887", None, None, None, None]).value is None  # 2 of 6 passes
    assert vote(["887", "887", None, None]).value == "887"
    # unreadable passes count: a tiny cell's noise does not replace the page reader's reading
    v = vote([None, None, None, None, None, "3", None, "3"], first="20")
    assert (v.value, v.decided) == ("20", False)


def test_nothing_read_gives_nothing() -> None:
    v = vote([None, None])
    assert (v.value, v.decided, v.share) == (None, False, 0.0)
