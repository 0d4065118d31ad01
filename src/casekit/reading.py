"""Find input files and decode them robustly into text.

Bulletins come as UTF-8 (with or without BOM), UTF-16/32 with a BOM, or in the legacy Chinese
encodings: GB2312/GBK/GB18030 on the mainland, Big5 in Taiwan and Hong Kong. ``decode_bytes``
tries BOMs, then strict UTF-8, then strict GB18030 and Big5 (cp950); when both legacy codecs
decode the bytes, the text holding more common characters wins. Line endings become ``\\n``.

Bad input never raises anything but :class:`InputError`, whose reason says what is wrong and,
where it helps, what to do next.
"""

from __future__ import annotations

import glob
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


class InputError(Exception):
    """An input that cannot be read as a bulletin; ``str()`` is ``"path: reason"``."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class RawDocument:
    """A decoded input file."""

    source: str  # the path as given (or found under a folder given)
    sha256: str  # of the raw bytes
    encoding: str  # canonical lowercase codec name the bytes were decoded with
    text: str  # decoded, line endings normalized to "\n"
    size: int  # bytes


# --------------------------------------------------------------------------------------------
# Finding inputs
# --------------------------------------------------------------------------------------------

_GLOB_CHARS = re.compile(r"[*?\[]")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(folder: Path) -> list[Path]:
    """``*.txt`` files under a folder, recursively, sorted, hidden folders and files skipped."""
    return sorted(p for p in folder.rglob("*.txt") if p.is_file() and not _is_hidden(p, folder))


def _expand(item: str) -> list[Path] | InputError:
    path = Path(item)
    if path.is_dir():
        files = _folder_files(path)
        return files or InputError(item, "folder holds no .txt files")
    if path.exists():
        return [path]
    if _GLOB_CHARS.search(item):
        matches = sorted(Path(m) for m in glob.glob(item, recursive=True))
        files = [p for m in matches for p in (_folder_files(m) if m.is_dir() else [m])]
        reason = "the pattern matches no file (quote it so that the shell leaves it alone)"
        return files or InputError(item, reason)
    return InputError(item, "no such file or folder")


def iter_input_paths(inputs: Iterable[str]) -> Iterator[Path | InputError]:
    """Files, folders (``*.txt`` inside, recursively, sorted) and glob patterns, each path once.

    A missing path or a pattern matching nothing yields an :class:`InputError` in its place, so
    callers can report it and go on with the rest.
    """
    seen: set[Path] = set()
    for item in inputs:
        expanded = _expand(str(item))
        if isinstance(expanded, InputError):
            yield expanded
            continue
        for path in expanded:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_LEGACY = (("gb18030", "gb18030"), ("cp950", "big5"))
_SAMPLE_CHARS = 65536  # plausibility is judged on the start of the text: decoding stays fast
_LINE_ENDS = re.compile(r"\r\n?")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CJK_PUNCT = frozenset("，。、；：？！“”‘’（）《》【】…—·「」『』　％．０１２３４５６７８９")


class _Undecodable(Exception):
    pass


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The common characters of both scripts: GB2312 level 1 (3755) and Big5 level 1 (5401).

    Derived from the codecs themselves, so no table ships with casekit.
    """
    gb = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    big5 = bytes(
        b for hi in range(0xA4, 0xC7) for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)] for b in (hi, lo)
    )
    chars = set(gb.decode("gb2312", errors="ignore")) | set(big5.decode("cp950", errors="ignore"))
    return frozenset(c for c in chars if _CJK.match(c))


def _plausibility(text: str) -> float:
    """Share of common CJK characters among the non-ASCII characters (1.0 if none)."""
    sample = text[:_SAMPLE_CHARS]
    non_ascii = [c for c in sample if ord(c) > 0x7F]
    if not non_ascii:
        return 1.0
    common = _common_chars()
    # common CJK punctuation counts too: a mis-decoding scatters rare characters instead
    return sum(1 for c in non_ascii if c in common or c in _CJK_PUNCT) / len(non_ascii)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    candidates: list[tuple[float, str, str]] = []
    for codec, name in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), name, text))
    if not candidates:
        raise _Undecodable
    candidates.sort(key=lambda c: c[0], reverse=True)
    score, name, text = candidates[0]
    if score < 0.5:  # mostly rare characters whichever way: not Chinese text in these codecs
        raise _Undecodable
    if len(candidates) > 1 and score - candidates[1][0] < 0.02:
        return _tie_break(data, candidates)
    return text, name


def _tie_break(data: bytes, candidates: list[tuple[float, str, str]]) -> tuple[str, str]:
    """Both codecs give equally plausible text (short inputs): ask charset-normalizer."""
    from charset_normalizer import from_bytes  # only for the rare ties

    best = from_bytes(data[:_SAMPLE_CHARS], cp_isolation=["gb18030", "big5"]).best()
    is_big5 = best is not None and best.encoding.replace("_", "") in ("big5", "cp950")
    guessed = "big5" if is_big5 else "gb18030"
    for _, name, text in candidates:
        if name == guessed:
            return text, name
    return candidates[0][2], candidates[0][1]


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """Many NUL bytes on one parity of positions: UTF-16 without a BOM (mostly ASCII text)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even == 0:
        return "utf-16-le"
    if even > 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes to text with line endings normalized; returns ``(text, encoding)``.

    Raises ``ValueError`` (its message a reason fit for users) when no supported encoding fits.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _LINE_ENDS.sub("\n", data[len(bom) :].decode(codec)), name
            except UnicodeDecodeError:
                raise ValueError(f"starts with a {name} byte-order mark but is not valid {name}") from None
    try:
        text, name = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, name = _decode_non_utf8(data)
    return _LINE_ENDS.sub("\n", text), name


def _decode_non_utf8(data: bytes) -> tuple[str, str]:
    utf16 = _looks_like_bomless_utf16(data)
    try:
        return (data.decode(utf16), "utf-16") if utf16 else _decode_legacy(data)
    except (UnicodeDecodeError, _Undecodable):
        pass
    # last resort, after the legacy codecs had their chance: UTF-8 with a few broken bytes
    # (a file cut inside a character); the broken bytes become U+FFFD
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(1, len(data) // 10000):
        return text, "utf-8"
    raise ValueError(
        "not text in a supported encoding (utf-8, utf-16, utf-32, gb18030/gbk/gb2312, big5);"
        " convert it to UTF-8, e.g. iconv -f <encoding> -t utf-8"
    )


# --------------------------------------------------------------------------------------------
# Reading a file
# --------------------------------------------------------------------------------------------

_BLANK = re.compile(r"[\s\ufeff\u200b]*")


def _read_bytes(path: Path) -> bytes:
    source = str(path)
    if path.is_dir():
        raise InputError(source, "is a folder, not a file (give it as an input to read the .txt files in it)")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied (check the file's read permission)") from None
    except IsADirectoryError:
        raise InputError(source, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read: {exc.strerror or exc}") from None


def _is_binary(data: bytes, text: str | None) -> bool:
    if text is None:
        return b"\x00" in data[:65536]
    sample = text[:_SAMPLE_CHARS]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def read_source(path: Path) -> RawDocument:
    """Read and decode one input file; raises :class:`InputError` with a clear reason."""
    source = str(path)
    data = _read_bytes(path)
    if not data:
        raise InputError(source, "is empty")
    if (
        not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
        and _looks_like_bomless_utf16(data) is None
        and _is_binary(data, None)
    ):
        raise InputError(source, "is a binary file (it holds NUL bytes), not text")
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        raise InputError(source, str(exc)) from None
    if _is_binary(data, text):
        raise InputError(source, "is a binary file (many control characters), not text")
    if _BLANK.fullmatch(text):
        raise InputError(source, "holds only whitespace")
    return RawDocument(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        size=len(data),
    )
