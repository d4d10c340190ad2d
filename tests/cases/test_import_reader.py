"""Reading loan tapes: what the bytes are, how text is decoded, how headers are matched."""

from __future__ import annotations

import io
import zipfile

import pytest
from import_samples import csv_bytes, loan_row, xlsx_bytes

from legalops.cases.importing.columns import COLUMNS, HEADER_INDEX, match_headers, normalise_header
from legalops.cases.importing.reader import FileProblem, decode_text, read_table, sniff


def _problem(data: bytes) -> str:
    with pytest.raises(FileProblem) as caught:
        read_table(data)
    return caught.value.message


def test_every_alias_names_one_column_only():
    seen: dict[str, str] = {}
    for column in COLUMNS:
        for name in {normalise_header(n) for n in (column.header, column.key, *column.aliases)}:
            assert seen.setdefault(name, column.key) == column.key, f"{name} names {seen[name]} and {column.key}"
    assert len(HEADER_INDEX) == len(seen)


def test_headers_match_despite_spaces_full_width_units_and_english():
    match = match_headers([" 合同 编号 ", "借款人名称（全称）", "ＢＯＲＲＯＷＥＲ ＩＤ", "本金(元)", "Outstanding Principal", "备注"])
    assert match.positions == {"contract_number": 0, "borrower_name": 1, "borrower_id_number": 2, "principal": 3,
                               "outstanding_principal": 4}
    assert match.unknown == ["备注"]
    assert match.headers["principal"] == "本金(元)"


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("gbk", False), ("gb18030", False)])
def test_csv_in_utf8_or_gbk_reads_the_same(encoding, bom):
    table = read_table(csv_bytes([loan_row(1), loan_row(2)], encoding=encoding, bom=bom))
    assert [number for number, _ in table.rows] == [2, 3]
    assert table.rows[0][1][table.columns.positions["borrower_name"]] == "借款人1"


def test_xlsx_rows_are_numbered_as_excel_shows_them_and_blank_rows_are_ignored():
    rows = [loan_row(1), {}, loan_row(2)]
    table = read_table(xlsx_bytes(rows, headers=list(loan_row(0))))
    assert [number for number, _ in table.rows] == [2, 4]


def test_header_row_may_follow_a_title_row():
    data = ("某银行2025年不良资产包\n" + csv_bytes([loan_row(1)]).decode()).encode()
    table = read_table(data)
    assert table.header_row == 2
    assert [number for number, _ in table.rows] == [3]


def test_wrong_encoding_is_named():
    latin1 = "合同编号,借款人名称\n".encode() + "Café,Zoë\n".encode("latin-1") + b"\xff\xfe\xfd,\x80\n"
    assert "neither UTF-8 nor GBK" in _problem(latin1)


def test_utf16_is_named():
    data = csv_bytes([loan_row(1)]).decode().encode("utf-16")
    assert "UTF-16" in _problem(data)
    assert "UTF-16" in _problem(data[2:])  # without its byte-order mark


def test_empty_file():
    assert _problem(b"") == "The file is empty."
    assert _problem(b"  \r\n") == "The file is empty."


def test_headers_only_file_has_no_rows():
    assert "no loan rows" in _problem("合同编号,借款人名称,借款人证件号码,本金\n".encode())


def test_missing_required_columns_are_listed():
    data = csv_bytes([{"合同编号": "HT-1", "借款人名称": "张三"}])
    message = _problem(data)
    assert message.startswith("Required columns are missing")
    with pytest.raises(FileProblem) as caught:
        read_table(data)
    assert caught.value.params["columns"] == "借款人证件号码、本金"


def test_two_columns_for_one_field_are_refused():
    data = csv_bytes([{"合同编号": "1", "合同号": "2", "借款人名称": "张三", "借款人证件号码": "x", "本金": "1"}])
    assert "hold the same field" in _problem(data)


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00",
])
def test_files_that_are_not_spreadsheets_are_refused(data):
    assert "not a spreadsheet" in _problem(data)


def test_a_word_document_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-'
                                                'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    assert "not a spreadsheet" in _problem(out.getvalue())


def test_a_broken_zip_and_an_old_xls_are_explained():
    assert "damaged" in _problem(b"PK\x03\x04" + b"\x00" * 100)
    assert ".xls" in _problem(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def test_plain_text_without_headers_says_what_a_header_needs():
    assert _problem("这是一份说明，不是表格。\n第二行\n".encode()).startswith("No header row found")


def test_size_limit_is_checked_before_reading():
    with pytest.raises(FileProblem) as caught:
        sniff(b"a" * 2048, max_bytes=1024)
    assert "larger than" in caught.value.message


def test_control_characters_mean_binary():
    with pytest.raises(FileProblem) as caught:
        decode_text(b"abc\x01\x02def")
    assert "not a spreadsheet" in caught.value.message


def test_percent_formatted_rate_cells_read_as_percent():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["合同编号", "借款人名称", "借款人证件号码", "本金", "合同利率"])
    sheet.append(["HT-1", "张三", "x", 1000, 0.0435])
    sheet["E2"].number_format = "0.00%"
    out = io.BytesIO()
    workbook.save(out)
    table = read_table(out.getvalue())
    assert table.rows[0][1][4] == "4.3500%"
