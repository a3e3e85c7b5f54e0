"""A PDF's decompressed size, checked before PDFium opens it (the decompression-bomb guard).

PDFium inflates a page's content stream (and fonts, forms, object streams) whole into memory,
with no limit: a 4 MB PDF whose content stream inflates to 4 GB takes 5 GB and 20 s. Images are
not the risk (PDFium decodes them scaled); every other stream is. So before parsing, every
compressed stream in the file is inflated here, streaming and without keeping the output, and
the document is refused (``TOO_LARGE``) once one stream inflates past ``max_stream_bytes`` or all
of them together past ``max_total_bytes``.

Streams are found lexically, not through the object graph, so a broken cross-reference table
or a page tree that lies cannot hide one. FlateDecode data is recognised by its zlib header after
any ``stream`` keyword, whatever the dictionary says (a renamed or #-escaped filter name does not
help), and nested FlateDecode layers are inflated in turn. Before that, a small tokenizer that
skips strings, comments and stream data the way a PDF parser does (so that a string spelling
``obj`` or ``endstream`` cannot hide a dictionary) finds every stream's filter chain and decodes
it layer by layer as far as it compresses: FlateDecode, LZWDecode (which PDFium also decodes
whole: an LZW bomb aborts the process when memory runs out), RunLengthDecode, and the ASCIIHex
and ASCII85 layers that may wrap them.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Iterable, Iterator

from kagaz.errors import TooLarge

__all__ = ["check_stream_sizes"]

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PIECE = 1 << 20


def _looks_zlib(head: bytes) -> bool:
    """A zlib header: deflate method with a window of at most 32 KiB, and a valid check value."""
    if len(head) < 2:
        return False
    return head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] << 8 | head[1]) % 31 == 0


def _inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Inflate a zlib stream given in pieces, yielding at most 1 MiB at a time; stops quietly
    at the end of the stream or at corrupt data (PDFium stops there too)."""
    d = zlib.decompressobj()
    try:
        for chunk in chunks:
            buf = chunk
            while buf:
                out = d.decompress(buf, _PIECE)
                if out:
                    yield out
                if d.eof:
                    return
                buf = d.unconsumed_tail
    except zlib.error:
        return


def _inflate_all_input(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Like :func:`_inflate` for an inner layer, but always consumes every input chunk: the
    outer layer is counted in full even when the inner one is corrupt (PDFium decodes the outer
    layer whole before the inner one fails)."""
    d = zlib.decompressobj()
    alive = True
    for chunk in chunks:
        buf = chunk
        while alive and buf:
            try:
                out = d.decompress(buf, _PIECE)
            except zlib.error:
                alive = False
                break
            if out:
                yield out
            if d.eof:
                alive = False
            buf = d.unconsumed_tail


def _pieces(data: memoryview) -> Iterator[bytes]:
    for i in range(0, len(data), _PIECE):
        yield bytes(data[i : i + _PIECE])


def _run_length_size(data: memoryview) -> int:
    """The decoded size of RunLengthDecode data (PDF 32000 7.4.5), without decoding it."""
    size, i, n = 0, 0, len(data)
    while i < n:
        length = data[i]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            i += length + 2
        else:
            size += 257 - length
            i += 2
    return size


class _Budget:
    def __init__(self, per_stream: int, total: int) -> None:
        self.per_stream = per_stream
        self.total = total
        self.used = 0

    def count(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """Pass ``chunks`` through, refusing the document once a limit is passed."""
        size = 0
        for chunk in chunks:
            size += len(chunk)
            self.used += len(chunk)
            if size > self.per_stream:
                raise TooLarge(
                    f"A PDF stream inflates to more than {self.per_stream} bytes "
                    "(decompression bomb)"
                )
            if self.used > self.total:
                raise TooLarge(f"The PDF's streams inflate to more than {self.total} bytes")
            yield chunk

    def add(self, size: int) -> None:
        self.used += size
        if size > self.per_stream or self.used > self.total:
            raise TooLarge("A PDF stream decodes to more than the limit (decompression bomb)")


def _drain(chunks: Iterator[bytes]) -> None:
    for _ in chunks:
        pass


def _check_flate(data: memoryview, budget: _Budget, depth: int = 0) -> None:
    layer = budget.count(_inflate(_pieces(data)))
    first = next(layer, b"")
    if depth < 4 and _looks_zlib(first[:2]):  # FlateDecode twice (or more): inflate the inner one
        _drain(budget.count(_inflate_all_input(_chain(first, layer))))
    else:
        _drain(layer)


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


_TOKEN = re.compile(rb"\(|%|<<|>>|<|\bstream(?:\r\n|\n|\r)")
_IN_STRING = re.compile(rb"[()\\]")
_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\s+\d+\s+R)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_ABBREVIATIONS = {
    b"LZW": b"LZWDecode",
    b"RL": b"RunLengthDecode",
    b"Fl": b"FlateDecode",
    b"AHx": b"ASCIIHexDecode",
    b"A85": b"ASCII85Decode",
}
_ASCII_END = {b"ASCIIHexDecode": b">", b"ASCII85Decode": b"~>"}


def _skip_string(data: bytes, at: int) -> int:
    """The index after the literal string whose body starts at ``at`` (nesting and escapes)."""
    depth = 1
    while (m := _IN_STRING.search(data, at)) is not None:
        if m.group() == b"\\":
            at = m.end() + 1
            continue
        depth += 1 if m.group() == b"(" else -1
        at = m.end()
        if depth == 0:
            return at
    return len(data)


def _streams(data: bytes) -> Iterator[tuple[bytes, int]]:
    """``(dictionary, data offset)`` of every stream, tokenizing as a PDF parser does: strings,
    hex strings and comments are skipped, and so is each stream's data (by a direct /Length
    when ``endstream`` follows it, else up to the next ``endstream``)."""
    pos, depth, start, last, last_end = 0, 0, 0, b"", -1
    while (m := _TOKEN.search(data, pos)) is not None:
        tok, pos = m.group(), m.end()
        if tok == b"(":
            pos = _skip_string(data, pos)
        elif tok == b"%":
            ends = [i for i in (data.find(b"\n", pos), data.find(b"\r", pos)) if i >= 0]
            pos = min(ends) if ends else len(data)
        elif tok == b"<<":
            start = m.start() if depth == 0 else start
            depth += 1
        elif tok == b">>":
            depth = max(0, depth - 1)
            if depth == 0:
                last, last_end = data[start : m.end()], m.end()
        elif tok == b"<":
            close = data.find(b">", pos)
            pos = close + 1 if close >= 0 else len(data)
        elif depth == 0 and last_end >= 0 and not data[last_end : m.start()].strip():
            yield last, pos
            length = _LENGTH.search(last)
            end = pos + int(length.group(1)) if length else -1
            if not (0 <= end <= len(data) and data[end : end + 32].lstrip().startswith(b"endstream")):
                end = data.find(b"endstream", pos)
            pos, last_end = (end if end >= 0 else len(data)), -1


def _filters(dictionary: bytes) -> list[bytes]:
    """The filter names of a stream dictionary, #-escapes decoded and abbreviations expanded."""
    text = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), dictionary)
    found = _FILTER.search(text)
    if found is None:
        return []
    return [_ABBREVIATIONS.get(n, n) for n in _NAME.findall(found.group(1))]


def _lzw(chunks: Iterable[bytes], early: int) -> Iterator[bytes]:
    """LZWDecode (PDF 32000 7.4.4), yielding output in pieces of about 1 MiB; stops at EOD, at
    an invalid code or at the end of the data."""
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]
    width, prev = 9, b""
    acc = nbits = size = 0
    out: list[bytes] = []
    for chunk in chunks:
        for byte in chunk:
            acc = (acc << 8) | byte
            nbits += 8
            if nbits < width:
                continue
            nbits -= width
            code = acc >> nbits
            acc &= (1 << nbits) - 1
            if code == 256:  # Clear
                del table[258:]
                width, prev = 9, b""
                continue
            if code == 257:  # EOD
                break
            if code < len(table) and code != 257:
                entry = table[code]
            elif code == len(table) and prev:
                entry = prev + prev[:1]
            else:
                break
            if prev and len(table) < 4096:
                table.append(prev + entry[:1])
            prev = entry
            width = min(12, max(9, (len(table) + early).bit_length()))
            out.append(entry)
            size += len(entry)
            if size >= _PIECE:
                yield b"".join(out)
                out, size = [], 0
        else:
            continue
        break  # EOD or an invalid code
    if out:
        yield b"".join(out)


def _ascii(name: bytes, body: memoryview) -> bytes:
    """ASCIIHexDecode or ASCII85Decode of the data up to its end marker (the output is at most
    the input's size, or four times it for ASCII85's ``z``: bounded by the file)."""
    raw = bytes(body)
    end = raw.find(_ASCII_END[name])
    raw = raw[: end if end >= 0 else len(raw)]
    try:
        if name == b"ASCIIHexDecode":
            hexdigits = bytes(c for c in raw if c not in b" \t\r\n\f\x00")
            return binascii.unhexlify(hexdigits + b"0" * (len(hexdigits) % 2))
        return base64.a85decode(raw, ignorechars=b" \t\r\n\f\x00\x0b")
    except ValueError:
        return b""


def _check_chain(filters: list[bytes], body: memoryview, budget: _Budget, early: int) -> bool:
    """Decode a stream's filter chain as far as it compresses, counting every layer; True when
    its first layer was inflated here (the header scan then skips it)."""
    chunks: Iterator[bytes] | None = None
    inflated_first = False
    for i, name in enumerate(filters[:4]):
        if name in _ASCII_END:
            if chunks is not None:
                break  # an ASCII layer after a compressing one: not seen in practice
            chunks = iter([_ascii(name, body)])
        elif name == b"FlateDecode":
            inflated_first = inflated_first or i == 0
            chunks = budget.count(_inflate_all_input(chunks or _pieces(body)))
        elif name == b"LZWDecode":
            chunks = budget.count(_lzw(chunks or _pieces(body), early))
        elif name == b"RunLengthDecode" and chunks is None:
            budget.add(_run_length_size(body))
            break
        else:  # image codecs (DCT, JPX, CCITT, JBIG2) decode scaled; Crypt: nothing to count
            break
    if chunks is not None:
        _drain(chunks)
    return inflated_first


def _check_dictionary_filters(data: bytes, view: memoryview, budget: _Budget) -> set[int]:
    """Count every stream by the filters its dictionary names; returns the data offsets whose
    first layer it inflated."""
    inflated: set[int] = set()
    for dictionary, begin in _streams(data):
        filters = _filters(dictionary)
        if not filters:
            continue
        early = 0 if re.search(rb"/EarlyChange\s+0\b", dictionary) else 1
        if _check_chain(filters, view[begin:], budget, early):
            inflated.add(begin)
    return inflated


def check_stream_sizes(data: bytes, *, max_stream_bytes: int, max_total_bytes: int) -> None:
    """Raise :class:`TooLarge` if a stream of the PDF ``data`` inflates past
    ``max_stream_bytes``, or all of them together past ``max_total_bytes``.

    >>> import zlib
    >>> data = zlib.compress(b" " * 1000)
    >>> small = b"1 0 obj << /Filter /FlateDecode >> stream\\n" + data + b"\\nendstream"
    >>> check_stream_sizes(small, max_stream_bytes=1000, max_total_bytes=10_000)
    >>> check_stream_sizes(small, max_stream_bytes=999, max_total_bytes=10_000)
    Traceback (most recent call last):
    ...
    kagaz.errors.TooLarge: TOO_LARGE: A PDF stream inflates to more than 999 bytes ...
    """
    view = memoryview(data)
    budget = _Budget(max_stream_bytes, max_total_bytes)
    # By the filters the dictionaries name (every chain), then by zlib header after any
    # "stream" keyword (Flate data the dictionaries hide).
    done = _check_dictionary_filters(data, view, budget)
    pos = 0
    while True:
        match = _STREAM.search(data, pos)
        if match is None:
            return
        begin = match.end()
        # To the end of the file, not to the next "endstream": the inflater stops where the
        # zlib stream ends, and bytes spelling "endstream" inside the data cannot cut it short.
        body = view[begin:]
        pos = begin
        if match.start() >= 3 and data[match.start() - 3 : match.start()] == b"end":
            continue  # the "stream" of an "endstream" keyword
        if begin not in done and _looks_zlib(bytes(body[:2])):
            _check_flate(body, budget)
