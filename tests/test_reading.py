"""Finding inputs, decoding every supported encoding, and clear errors for bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from opencc import OpenCC

from casekit.normalize import normalize
from casekit.reading import InputError, RawDocument, decode_bytes, iter_input_paths, read_source

SAMPLES = Path(__file__).parent / "fixtures" / "samples"
SAMPLE_PATHS = sorted(SAMPLES.glob("*.txt"))


def _utf8(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# decode_bytes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),  # with BOM, native order
        (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
        (lambda t: t.encode("utf-32"), "utf-32"),
        (lambda t: t.encode("gb18030"), "gb18030"),
        (lambda t: t.encode("gbk"), "gb18030"),
        (lambda t: t.encode("gb2312"), "gb18030"),
    ],
)
def test_decode_bytes_names_the_encoding_and_restores_the_text(encode, expected: str) -> None:
    text = "中共杭州市委组织部\n1、上城区:科学分析绩效,整合23项考评数据。\n"
    decoded, name = decode_bytes(encode(text))
    assert (decoded, name) == (text, expected)


def test_big5_text_is_told_apart_from_gbk() -> None:
    text = "發布者:龍泉市委組織部\n舉措:針對部分小區仍存在管理不夠高效、服務不夠精準等問題。"
    assert decode_bytes(text.encode("big5")) == (text, "big5")
    # the same bytes also decode as GBK, into rare characters: plausibility must decide
    assert text.encode("big5").decode("gb18030") != text


def test_line_endings_become_newlines() -> None:
    assert decode_bytes("一\r\n二\r三\n".encode("gb18030")) == ("一\n二\n三\n", "gb18030")
    assert decode_bytes(b"a\r\nb\rc")[0] == "a\nb\nc"


def test_a_utf8_file_cut_inside_a_character_still_decodes() -> None:
    data = ("组织工作" * 50).encode("utf-8") + "创".encode()[:2]
    text, name = decode_bytes(data)
    assert name == "utf-8"
    assert text.startswith("组织工作") and text.endswith("\ufffd")


@pytest.mark.parametrize("data", [bytes([0x81, 0xFF]) * 50, bytes(range(0x80, 0x100)) * 8])
def test_undecodable_bytes_raise_value_error_with_advice(data: bytes) -> None:
    with pytest.raises(ValueError, match=r"supported encoding.*iconv"):
        decode_bytes(data)


# --------------------------------------------------------------------------------------------
# The samples in every encoding give the same normalized text
# --------------------------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"]


@pytest.mark.parametrize("sample", SAMPLE_PATHS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_sample_reencoded_normalizes_identically(sample: Path, encoding: str, tmp_path: Path) -> None:
    original = _utf8(sample)
    try:
        data = original.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{sample.name} holds characters {encoding} cannot encode")
    path = tmp_path / f"{sample.stem}.{encoding}.txt"
    path.write_bytes(data)
    raw = read_source(path)
    assert raw.text == original
    assert raw.size == len(data)
    assert normalize(raw.text) == normalize(original)


@pytest.mark.parametrize("sample", SAMPLE_PATHS, ids=lambda p: p.name[:3])
def test_sample_in_big5_normalizes_like_its_utf8_twin(sample: Path, tmp_path: Path) -> None:
    # Big5 holds no simplified characters: compare with the same traditional text in UTF-8
    traditional = OpenCC("s2t").convert(_utf8(sample))
    # keep only what Big5 can hold (a few rare characters and symbols fall out)
    traditional = traditional.encode("cp950", errors="replace").decode("cp950")
    (tmp_path / "big5.txt").write_bytes(traditional.encode("cp950"))
    (tmp_path / "utf8.txt").write_bytes(traditional.encode("utf-8"))
    big5, utf8 = read_source(tmp_path / "big5.txt"), read_source(tmp_path / "utf8.txt")
    assert (big5.encoding, utf8.encoding) == ("big5", "utf-8")
    assert big5.text == utf8.text
    assert normalize(big5.text) == normalize(utf8.text)


# --------------------------------------------------------------------------------------------
# read_source
# --------------------------------------------------------------------------------------------


def test_read_source_fills_the_raw_document(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("组织工作\r\n".encode("gb18030"))
    raw = read_source(path)
    assert isinstance(raw, RawDocument)
    assert raw.source == str(path)
    assert raw.encoding == "gb18030"
    assert raw.text == "组织工作\n"
    assert raw.size == 10  # 4 characters of 2 bytes, CR, LF


def test_read_source_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    # sha256("abc") is the FIPS 180-2 test vector
    assert read_source(path).sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_source(path)
    error = info.value
    assert error.path == str(path)
    assert str(error) == f"{path}: {error.reason}"
    return error.reason


def test_empty_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    assert "empty" in _reason(tmp_path / "e.txt")


def test_whitespace_only_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes(" \n\t\r\n\u3000\u00a0\n".encode())
    assert "whitespace" in _reason(tmp_path / "w.txt")


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _reason(tmp_path / "b.txt")


def test_control_characters_make_a_binary_file(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_bytes(bytes(range(1, 32)) * 20)
    assert "binary" in _reason(tmp_path / "c.txt")


def test_undecodable_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(bytes([0x81, 0xFF]) * 100)
    reason = _reason(tmp_path / "u.txt")
    assert "encoding" in reason and "utf-8" in reason


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    assert "no such file" in _reason(tmp_path / "missing.txt")


def test_folder_is_an_input_error(tmp_path: Path) -> None:
    assert "folder" in _reason(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("组织工作", encoding="utf-8")
    path.chmod(0)
    try:
        assert "permission denied" in _reason(path)
    finally:
        path.chmod(0o644)


def test_utf16_text_with_ascii_is_not_taken_for_binary(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Original URL: http://a.cn\n组织工作 2011\n".encode("utf-16"))
    raw = read_source(path)
    assert (raw.encoding, raw.text) == ("utf-16", "Original URL: http://a.cn\n组织工作 2011\n")


# --------------------------------------------------------------------------------------------
# iter_input_paths
# --------------------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "notes.md", ".hidden/e.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("组织工作", encoding="utf-8")
    return tmp_path


def test_folder_yields_its_txt_files_recursively_sorted(tree: Path) -> None:
    found = list(iter_input_paths([str(tree)]))
    assert found == [tree / "a.txt", tree / "b.txt", tree / "sub/c.txt", tree / "sub/deeper/d.txt"]


def test_files_and_globs_and_no_path_twice(tree: Path) -> None:
    inputs = [str(tree / "b.txt"), str(tree / "**/*.txt"), str(tree / "sub")]
    found = list(iter_input_paths(inputs))
    # the file first, then the glob's other matches (sorted), the folder adds nothing new
    assert found == [tree / "b.txt", tree / "a.txt", tree / "sub/c.txt", tree / "sub/deeper/d.txt"]


def test_a_file_given_by_name_is_read_whatever_its_extension(tree: Path) -> None:
    assert list(iter_input_paths([str(tree / "notes.md")])) == [tree / "notes.md"]


def test_missing_path_and_empty_glob_yield_errors_in_place(tree: Path) -> None:
    found = list(iter_input_paths([str(tree / "nope.txt"), str(tree / "a.txt"), str(tree / "*.docx")]))
    assert isinstance(found[0], InputError) and "no such file" in found[0].reason
    assert found[1] == tree / "a.txt"
    assert isinstance(found[2], InputError) and "matches no file" in found[2].reason
    assert found[2].path == str(tree / "*.docx")


def test_folder_without_txt_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("x", encoding="utf-8")
    (found,) = list(iter_input_paths([str(tmp_path)]))
    assert isinstance(found, InputError) and "no .txt" in found.reason
