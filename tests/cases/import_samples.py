"""Loan tapes for the import tests: rows as {header: value}, written as CSV or XLSX bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook

from legalops.core.identifiers import make_resident_id, make_uscc

CREDITOR = {"creditor_name": "华信资产管理股份有限公司", "creditor_id_number": make_uscc("1310000MA1FL0001")}
HEADERS = ["合同编号", "借款人名称", "借款人证件号码", "借款人住所", "保证人名称", "保证人证件号码", "保证方式", "币种",
           "本金", "合同利率", "放款日期", "到期日期", "基准日", "贷款余额", "欠息", "罚息及复利", "还款方式",
           "抵押物类型", "抵押物描述", "权证编号", "抵押物坐落", "抵押登记金额"]


def person_id(n: int) -> str:
    """Return a valid resident ID number unique for n < 365,000."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=n // 1000)
    return make_resident_id("310115", born, n % 1000)


def company_id(n: int) -> str:
    """Return a valid unified social credit code unique for n."""
    return make_uscc(f"1310000MA{n:07d}")


def loan_row(i: int, prefix: str = "HT", **overrides) -> dict:
    """Return one valid row (borrower i, one guarantor, one mortgage); keyword overrides replace cells by header."""
    row = {
        "合同编号": f"{prefix}-{i:06d}", "借款人名称": f"借款人{i}", "借款人证件号码": person_id(i),
        "借款人住所": f"上海市浦东新区测试路{i}号", "保证人名称": f"上海担保{i}有限公司",
        "保证人证件号码": company_id(i), "保证方式": "连带责任保证", "币种": "人民币",
        "本金": "1,000,000.00", "合同利率": "4.35%", "放款日期": "2023-01-15", "到期日期": "2024/1/15",
        "基准日": "2025年6月30日", "贷款余额": "800,000.10", "欠息": "35,120.50", "罚息及复利": "4,210",
        "还款方式": "等额本息", "抵押物类型": "房产", "抵押物描述": f"测试路{i}号101室", "权证编号": f"沪(2023)第{i:06d}号",
        "抵押物坐落": f"上海市浦东新区测试路{i}号", "抵押登记金额": "1,200,000",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], headers: list[str] | None = None, encoding: str = "utf-8", bom: bool = False) -> bytes:
    """Write rows as CSV in an encoding."""
    headers = headers or (list(rows[0]) if rows else HEADERS)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[dict], headers: list[str] | None = None) -> bytes:
    """Write rows as an XLSX workbook (cells keep their Python types)."""
    headers = headers or (list(rows[0]) if rows else HEADERS)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
