"""Unit tests of grader/roster.py: reading a roster, naming bad rows by line, matching by any key."""
import pytest

from grader.errors import UsageError
from grader.layouts import Origin
from grader.roster import match, read_roster


def roster(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return read_roster(str(path))


def test_rows_are_kept_in_order_and_bad_rows_named_by_line(tmp_path):
    r = roster(tmp_path, "id,name,email,login,github,sid,section\n"
                         "s1,Kim Minsu,minsu@uni.ac.kr,kimminsu,,2026001,A\n"
                         ",Nobody,,,,,B\n"
                         "s2,Jane Roe,jane@uni.ac.kr,roejane,janer,2026002,A\n"
                         "S1,Copy,,,,,A\n")
    assert [(s.id, s.name, s.line) for s in r.students] == [("s1", "Kim Minsu", 2), ("s2", "Jane Roe", 4)]
    assert r.problems == (
        "roster.csv line 3: the row has no id, email, login, github, sid; it is left out of the roster",
        "roster.csv line 5: id S1 is already on line 2; the row is left out")


def test_a_cp949_roster_is_read(tmp_path):
    r = roster(tmp_path, "id,name,email\n1,김철수,kim@uni.ac.kr\n", "cp949")
    assert r.students[0].name == "김철수"


def test_a_roster_without_a_key_column_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="none of the columns"):
        roster(tmp_path, "name,section\nKim,A\n")


def test_matching_by_any_key_then_by_name_and_ambiguity(tmp_path):
    r = roster(tmp_path, "id,name,email,login,github,sid\n"
                         "12345,John Doe,john@uni.ac.kr,doejohn,,\n"
                         "2,Kim Minsu,minsu@uni.ac.kr,,octocat,2026001\n"
                         "3,Kim Minsu,other@uni.ac.kr,,,\n")
    canvas = Origin("canvas", "doejohn", ("12345", "doejohn"))
    assert match(r, canvas, "doejohn")[0].id == "12345"
    assert match(r, Origin("github_classroom", "OctoCat", ("OctoCat",)), "OctoCat")[0].id == "2"
    assert match(r, Origin("gradescope", "x", ("x", "MINSU@uni.ac.kr")), "x")[0].id == "2"
    row, found = match(r, Origin("moodle", "Kim Minsu", ("99",), name="Kim  Minsu"), "Kim Minsu")
    assert row is None and [s.line for s in found] == [3, 4]
    assert match(r, Origin("plain", "zed", ("zed",)), "zed") == (None, [])


def test_an_nfd_korean_key_or_name_matches_the_roster_s_nfc_row(tmp_path):
    # a name typed on macOS (NFD) and the roster's (NFC) look the same and compared unequal
    import unicodedata
    r = roster(tmp_path, "id,name,email\n김철수,김철수,kim@uni.ac.kr\n2026002,이영희,lee@uni.ac.kr\n")
    nfd = unicodedata.normalize("NFD", "김철수")
    assert match(r, Origin("plain", nfd, (nfd,)), nfd)[0].id == "김철수"
    lee = unicodedata.normalize("NFD", "이영희")
    assert match(r, Origin("moodle", lee, ("99",), name=lee), lee)[0].id == "2026002"


@pytest.mark.parametrize("text, encoding", [
    ("id;name;email\n2026001;김철수;kim@uni.ac.kr\n2026002;\"Roe; Jane\";jane@uni.ac.kr\n", "utf-8-sig"),  # Excel, ko/eu
    ("id\tname\temail\n2026001\t김철수\tkim@uni.ac.kr\n2026002\tRoe; Jane\tjane@uni.ac.kr\n", "utf-16"),  # "Unicode text"
])
def test_a_roster_excel_saved_with_semicolons_or_as_unicode_text_is_read(tmp_path, text, encoding):
    # Excel in Korea or Europe separates with ";", its "Unicode text" is UTF-16 with tabs: both
    # stopped the run ("none of the columns id, ...") though the columns were there
    r = roster(tmp_path, text, encoding)
    assert [(s.id, s.name, s.email) for s in r.students] == [
        ("2026001", "김철수", "kim@uni.ac.kr"), ("2026002", "Roe; Jane", "jane@uni.ac.kr")]


def test_a_bad_row_after_a_quoted_line_break_is_named_by_its_own_line(tmp_path):
    r = roster(tmp_path, 'id,name\n1,"Kim\nMinsu"\n,Nobody\n')
    assert r.problems == ("roster.csv line 4: the row has no id, email, login, github, sid; it is left out of the roster",)


def test_a_korean_portal_s_roster_with_korean_column_names_is_read(tmp_path):
    # a Korean university portal's class list says 학번, 이름 (or 성명), 이메일: the run stopped,
    # "the roster has none of the columns id, email, ..." until a TA renamed them by hand
    r = roster(tmp_path, "번호,학번,성명,학과,이메일\n1,2026001,김철수,컴퓨터공학,kim@uni.ac.kr\n", "cp949")
    assert [(s.id, s.name, s.email) for s in r.students] == [("2026001", "김철수", "kim@uni.ac.kr")]


@pytest.mark.parametrize("magic", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_an_excel_workbook_given_as_roster_or_lms_gradebook_says_save_it_as_csv(tmp_path, magic):
    # roster.xlsx given as is: "is neither UTF-8 nor CP949 text" left the TA guessing
    from grader import lms
    path = tmp_path / "roster.xlsx"
    path.write_bytes(magic + bytes(range(256)) * 8)
    with pytest.raises(UsageError, match="an Excel workbook, not CSV"):
        read_roster(str(path))
    with pytest.raises(UsageError, match="an Excel workbook, not CSV"):
        lms.check(path)
