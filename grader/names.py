"""Discover stage, file names: bytes that are not UTF-8 made readable, never a crash.

A folder unpacked on Linux from a zip made on a Korean Windows machine has CP949 names (`김철수`
arrives as b"\\xb1\\xe8\\xc3\\xb6\\xbc\\xf6"); Python hands them over as strings with surrogates,
which neither SQLite nor a UTF-8 file accepts. Each path component is decoded on its own, as
UTF-8, then CP949, then EUC-KR; bytes that none of them read are shown as `\\xNN` escapes.
Names are given in Unicode's composed form (NFC): macOS writes Korean names decomposed (NFD),
and `김철수` must be the same student whichever machine zipped it.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile

ENCODINGS = ("utf-8", "cp949", "euc_kr")
"""Tried in this order on a name's bytes; CP949 (Windows' Korean) extends EUC-KR."""
ZIP_UTF8_FLAG = 0x800
"""General purpose bit 11 of a zip member: its name is UTF-8 (else zipfile read it as CP437)."""


def decode_name(raw: bytes) -> str:
    """One name's bytes as text: the first of ENCODINGS that reads them, else UTF-8 with the
    bytes it cannot read as `\\xNN` (visible, and every byte still there)."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def readable(os_path: str) -> str:
    """A path as Python got it from the OS (surrogates for undecodable bytes) as readable text,
    each `/`-separated component decoded on its own; a path without surrogates is returned as is."""
    if not any("\udc80" <= ch <= "\udcff" for ch in os_path):
        return unicodedata.normalize("NFC", os_path)
    return unicodedata.normalize("NFC", "/".join(decode_name(part) for part in os.fsencode(os_path).split(b"/")))


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as text: zipfile decodes names without the UTF-8 flag as CP437, which
    turns Korean names into mojibake; their bytes are decoded again as `decode_name` does."""
    if info.flag_bits & ZIP_UTF8_FLAG:
        return unicodedata.normalize("NFC", info.filename)
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # not CP437 after all (zipfile's metadata_encoding): leave it
        return unicodedata.normalize("NFC", info.filename)
    return unicodedata.normalize("NFC", "/".join(decode_name(part) for part in raw.split(b"/")))
