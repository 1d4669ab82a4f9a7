"""Bytes to text: size limit, binary refusal, and Arabic-aware encoding detection.

Arabic news files in the wild come as UTF-8 (with or without a BOM), UTF-16 from Windows
editors, and the two legacy single-byte code pages Windows-1256 and ISO-8859-6.  General
detectors often confuse the last two (and both with Latin code pages), because any byte
sequence decodes under Windows-1256.  So detection here is: BOM, then strict UTF-8, then the
two Arabic code pages scored by how Arabic the decoded letters are, and only then a general
detector (charset-normalizer) for text that is not Arabic at all, so that the error the user
sees is "not Arabic" rather than "cannot decode".
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

from khabar.errors import InputError
from khabar.text.ar.normalize import ARABIC_LETTERS

#: Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: The bytes of a file that is empty all the same.
_BLANK_BYTES = b" \t\r\n\x00"

#: The first bytes of the byte order marks.
_BOM_STARTS = frozenset(bom[:1] for bom, _name in _BOMS)

#: The Arabic single-byte code pages, in order of preference on a tie (Windows-1256 is by
#: far the commoner of the two on the web and in Office files).
ARABIC_CODEPAGES = ("cp1256", "iso8859_6")

#: A decoded candidate whose letters are less Arabic than this is not taken for Arabic
#: (the same bar as the default ``min_arabic_ratio``).
_MIN_CODEPAGE_ARABIC = 0.5
#: Legacy-encoded text must have at least this share of spaces and at most this share of
#: symbols and control characters, else it is taken for undecodable bytes.  Arabic and
#: Latin prose have 15-20% spaces and well under 1% symbols.
_MIN_SPACE_SHARE = 0.05
_MAX_ODD_SHARE = 0.05
#: Non-ASCII punctuation that Arabic prose uses (markup's < > & are ASCII and never odd).
_USUAL_PUNCTUATION = frozenset("،؛؟«»“”‘’–—…٪٫٬\u00a0")
_UNDETECTED = (
    "cannot detect the encoding (not UTF-8, UTF-16, Windows-1256 or ISO-8859-6, and no "
    "other encoding gives readable text); give it with --encoding"
)

#: A UTF-8 file with at most this share of its bytes in invalid sequences (or at most
#: :data:`FEW_INVALID_UTF8` of them) is read as UTF-8, each invalid sequence replaced by
#: U+FFFD, with a warning counting them: a file cut in the middle of a character, or with a
#: stray Latin-1 byte, loses a character, not its text.  A file in a legacy code page has
#: far more: nearly every Arabic letter of Windows-1256 is an invalid sequence (an article
#: has 20 letters at least), so it still goes to the code-page detection.
MAX_INVALID_UTF8_SHARE = 0.01
FEW_INVALID_UTF8 = 4

#: Control bytes (other than tab, newlines, form feed, escape) above this share of the first
#: bytes mean a binary file: text never has more than a stray one.
_MAX_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 64 * 1024
_CONTROL_BYTES = bytes(b for b in (*range(0x20), 0x7F) if b not in b"\t\n\r\f\v\x1b")


def read_limited(path: Path, *, max_bytes: int, source: str | None = None) -> bytes:
    """The bytes of ``path``, refusing files over ``max_bytes`` before reading them."""
    source = source or str(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size  # the open file's: no second lookup of the path
            if size > max_bytes:
                raise InputError(source, _too_large(size, max_bytes))
            # Asked for its size (+1, to see growth), not the limit: read(n) allocates n
            # bytes first, and a 20 MB buffer a file (mapped, shrunk, unmapped) was most
            # of the reading's system time on 2,000 ANT files (46 -> 10 ms of CPU).
            data = f.read(size + 1)
            if len(data) > size:  # the file has grown since: read on, up to the limit
                data += f.read(max_bytes + 1 - len(data))
    except OSError as e:
        raise InputError(source, f"cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise InputError(source, _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"file is {size / 1048576:.1f} MB, over the limit of {limit / 1048576:.1f} MB (raise it with --max-mb)"


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode the bytes of one input to text.

    ``declared`` (the user's --encoding, or a charset a page or feed declares) is used
    as given; otherwise the encoding is detected.  Raises :class:`InputError` for an empty
    or binary input, or bytes no supported encoding reads.  Newlines come out as "\\n".
    """
    return decode_input(data, source=source, declared=declared)[0]


def decode_input(data: bytes, *, source: str, declared: str | None = None) -> tuple[str, int]:
    """:func:`decode_bytes`, and how many invalid UTF-8 sequences were replaced (a UTF-8
    file with a few of them is kept: see :data:`MAX_INVALID_UTF8_SHARE`)."""
    # (Tests that copy nothing: a stripped copy of every file only to see it is not empty.)
    if not data or (data[:1] in _BLANK_BYTES and not data.strip(_BLANK_BYTES)):
        raise InputError(source, "empty file")
    text, replaced = _decode(data, source=source, declared=declared)
    if "\x00" in text:  # past the sniffed start, or in a declared encoding: text never holds one
        raise InputError(source, f"binary file (not text): a NUL character at character {text.index(chr(0))}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        raise InputError(source, "empty file")
    return text, replaced


def replaced_warning(count: int) -> str:
    """The warning for a file read with ``count`` invalid UTF-8 sequences replaced."""
    return f"{count} byte sequence(s) that are not valid UTF-8 were replaced with U+FFFD (\ufffd)"


def _lenient_utf8(data: bytes) -> tuple[str, int] | None:
    """``data`` as UTF-8 with its invalid sequences replaced, when they are few."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    if replaced > max(FEW_INVALID_UTF8, MAX_INVALID_UTF8_SHARE * len(data)):
        return None
    return text, replaced


def _decode(data: bytes, *, source: str, declared: str | None) -> tuple[str, int]:
    for bom, name in _BOMS if data[:1] in _BOM_STARTS else ():
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), 0
            except UnicodeDecodeError as e:
                lenient = _lenient_utf8(data[len(bom) :]) if name == "utf-8" else None
                if lenient is not None:
                    return lenient
                raise InputError(source, f"invalid {name} after its byte order mark at byte {e.start}") from None
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise InputError(source, f"unknown encoding {declared!r}") from None
        try:
            return data.decode(declared), 0
        except UnicodeDecodeError as e:
            lenient = _lenient_utf8(data) if codecs.lookup(declared).name == "utf-8" else None
            if lenient is not None:
                return lenient
            raise InputError(source, f"not valid {declared} (byte {e.start}); check --encoding") from None
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16, 0
    if _looks_binary(data):
        raise InputError(source, "binary file (not text)")
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    lenient = _lenient_utf8(data)
    if lenient is not None:
        return lenient
    best = best_arabic_codepage(data)
    text = data.decode(best, errors="replace") if best else _general_guess(data, source=source)
    if not plausible_text(text):
        raise InputError(source, _UNDETECTED)
    return text, 0


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is NUL for ASCII, 0x06 for Arabic."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:_SNIFF_BYTES]
    if b"\x00" not in sample and b"\x06" not in sample:  # no high byte of either: no copies of every other byte
        return None
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if high.count(0x00) + high.count(0x06) >= 0.9 * len(high):
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def codepage_score(text: str) -> float:
    """How Arabic a decoded candidate looks: Arabic letters over all letters and undecodables.

    A wrong Arabic code page turns some letters into Latin accented letters (ISO-8859-6
    read as Windows-1256) or into undefined bytes (Windows-1256 read as ISO-8859-6), so
    the right one scores higher.  Latin text read as Windows-1256 keeps its ASCII letters
    and so scores low.
    """
    arabic = other = 0
    for ch in text:
        if ch in ARABIC_LETTERS:
            arabic += 1
        elif ch == "\ufffd" or ch.isalpha() or "\x80" <= ch <= "\x9f":
            other += 1
    total = arabic + other
    return arabic / total if total else 0.0


def plausible_text(text: str) -> bool:
    """Whether decoded text reads like language: words between spaces, few stray symbols.

    Random or mis-declared bytes decode to *something* under a single-byte code page;
    what gives them away is the lack of spaces and the many non-ASCII currency signs,
    control characters and other symbols.
    """
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    spaces = sum(1 for ch in sample if ch.isspace())
    odd = sum(1 for ch in sample if ch >= "\x80" and _odd(ch))
    return spaces >= _MIN_SPACE_SHARE * len(sample) and odd <= _MAX_ODD_SHARE * len(sample)


def _odd(ch: str) -> bool:
    """A non-ASCII character that is neither a letter, mark, digit, space nor usual punctuation."""
    return ch == "\ufffd" or (unicodedata.category(ch)[0] not in "LMNZ" and ch not in _USUAL_PUNCTUATION)


def best_arabic_codepage(data: bytes) -> str | None:
    """The Arabic code page that reads ``data`` best, or None when neither looks Arabic."""
    scored = []
    for name in ARABIC_CODEPAGES:
        score = codepage_score(data.decode(name, errors="replace"))
        scored.append((score, -ARABIC_CODEPAGES.index(name), name))
    score, _, name = max(scored)
    return name if score >= _MIN_CODEPAGE_ARABIC else None


def _general_guess(data: bytes, *, source: str) -> str:
    """Non-Arabic legacy text: decode it so the caller can say what language it is."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:_SNIFF_BYTES]).best()
    if match is None or match.encoding is None:
        raise InputError(source, _UNDETECTED)
    return data.decode(match.encoding, errors="replace")
