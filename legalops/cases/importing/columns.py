"""The loan-tape columns: Chinese headers with English aliases, and header matching that forgives formatting."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from legalops.core.i18n import N_


@dataclass(frozen=True)
class Column:
    """One column of the loan tape."""

    key: str
    header: str  # the canonical (Chinese) header written into the template
    label: str  # msgid naming the field in reports
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: str = ""
    help: str = ""  # msgid explaining the column in the template's explanations sheet


COLUMNS: tuple[Column, ...] = (
    Column("contract_number", "合同编号", N_("Contract number"),
           ("借款合同编号", "合同号", "贷款合同编号", "贷款合同号", "contract number", "contract no", "contract"),
           True, "HT-2023-0001", N_("Unique per loan; a contract number already recorded is skipped on re-import.")),
    Column("borrower_name", "借款人名称", N_("Borrower name"),
           ("借款人", "借款人姓名", "债务人", "债务人名称", "客户名称", "borrower", "borrower name"), True, "张三"),
    Column("borrower_id_number", "借款人证件号码", N_("Borrower ID number"),
           ("借款人身份证号", "借款人身份证号码", "借款人统一社会信用代码", "证件号码", "身份证号码",
            "borrower id", "borrower id number"), True, "310115198001020011",
           N_("Resident ID number for a person, unified social credit code for an organisation; keep the cell as text.")),
    Column("borrower_kind", "借款人类型", N_("Borrower type"), ("客户类型", "borrower type", "borrower kind"),
           example="个人", help=N_("个人 (person) or 企业 (organisation); guessed from the name and ID number if blank.")),
    Column("borrower_phone", "借款人电话", N_("Borrower phone"),
           ("借款人联系电话", "联系电话", "电话", "borrower phone", "phone"), example="13800000000"),
    Column("borrower_address", "借款人住所", N_("Borrower address"),
           ("借款人地址", "借款人住所地", "住所", "住所地", "地址", "borrower address", "address"),
           example="上海市浦东新区世纪大道1号"),
    Column("guarantor_names", "保证人名称", N_("Guarantors"),
           ("保证人", "担保人", "担保人名称", "guarantors", "guarantor names", "guarantor"), example="李四；上海某某贸易有限公司",
           help=N_("Several guarantors separated by ; — the ID numbers and guarantee types follow the same order.")),
    Column("guarantor_id_numbers", "保证人证件号码", N_("Guarantor ID numbers"),
           ("担保人证件号码", "保证人身份证号", "保证人身份证号码", "guarantor ids", "guarantor id numbers"),
           example="310115198502030023；91310000MA1FL0002W"),
    Column("guarantee_types", "保证方式", N_("Guarantee types"),
           ("担保方式", "保证类型", "guarantee types", "guarantee type"), example="连带责任保证；一般保证",
           help=N_("连带责任保证 (joint liability) or 一般保证 (general); blank means general guarantee (Civil Code art. 686).")),
    Column("currency", "币种", N_("Currency"), ("currency",), example="CNY", help=N_("CNY if blank.")),
    Column("principal", "本金", N_("Principal lent"),
           ("贷款本金", "借款本金", "合同金额", "贷款金额", "放款金额", "借款金额", "principal"), True, "1,000,000.00"),
    Column("contract_rate", "合同利率", N_("Contract rate"),
           ("执行利率", "年利率", "利率", "贷款利率", "contract rate", "rate"), example="4.35",
           help=N_("Annual rate in percent: 4.35 or 4.35%.")),
    Column("penalty_rate", "罚息利率", N_("Penalty rate"), ("penalty rate",), example="6.525"),
    Column("compound_rate", "复利利率", N_("Compound-interest rate"), ("compound rate",), example="6.525"),
    Column("rate_terms", "浮动利率", N_("Floating rate"),
           ("浮动利率条款", "利率条款", "浮动利率方式", "利率浮动方式", "rate terms", "floating rate"), example="",
           help=N_("Only for a rate that floats with the LPR: 1Y LPR + 1.5%, 5Y LPR - 50bp or 1Y LPR * 1.5; "
                   "blank for a fixed rate.")),
    Column("signed_on", "签订日期", N_("Signed on"), ("合同签订日期", "签约日期", "signed on"), example="2023-01-10",
           help=N_("Dates as 2023-01-10, 2023/1/10 or 2023年1月10日.")),
    Column("disbursed_on", "放款日期", N_("Disbursed on"), ("发放日期", "放款日", "起息日", "disbursed on"),
           example="2023-01-15"),
    Column("maturity_date", "到期日期", N_("Maturity date"), ("到期日", "maturity date", "maturity"), example="2024-01-15"),
    Column("default_date", "逾期日期", N_("Default date"), ("违约日期", "首次逾期日期", "default date"),
           example="2023-09-15"),
    Column("cutoff_date", "基准日", N_("Balances as of"),
           ("截止日期", "数据截止日", "债权基准日", "余额截止日", "cutoff date", "cut-off date"), example="2025-06-30"),
    Column("outstanding_principal", "贷款余额", N_("Outstanding principal"),
           ("剩余本金", "本金余额", "未偿本金", "欠本金", "outstanding principal"), example="800,000.00"),
    Column("outstanding_interest", "欠息", N_("Outstanding interest"),
           ("利息余额", "拖欠利息", "未付利息", "应收利息", "outstanding interest"), example="35,120.50"),
    Column("outstanding_penalty", "罚息及复利", N_("Outstanding penalty and compound interest"),
           ("罚息", "罚息复利", "outstanding penalty"), example="4,210.00"),
    Column("repayment_method", "还款方式", N_("Repayment method"), ("repayment method",), example="等额本息",
           help=N_("等额本息, 等额本金, 到期一次性还本付息, 按月付息到期还本, 按季付息到期还本, 按年付息到期还本 or 其他.")),
    Column("collateral_kind", "抵押物类型", N_("Collateral type"),
           ("担保物类型", "抵质押物类型", "押品类型", "collateral type", "collateral kind"), example="房产",
           help=N_("房产, 土地使用权, 车辆, 机器设备, 股权, 应收账款, 存单 or 其他; leave the collateral columns blank if none.")),
    Column("collateral_description", "抵押物描述", N_("Collateral description"),
           ("担保物描述", "抵押物名称", "抵押物", "押品名称", "collateral description", "collateral"),
           example="浦东新区某路1号101室住宅"),
    Column("collateral_certificate", "权证编号", N_("Certificate number"),
           ("不动产权证号", "产权证号", "他项权证号", "权证号", "certificate number"), example="沪(2023)浦字不动产权第000001号"),
    Column("collateral_location", "抵押物坐落", N_("Collateral location"),
           ("坐落", "抵押物地址", "抵押物所在地", "collateral location", "location"), example="上海市浦东新区某路1号"),
    Column("collateral_registered_amount", "抵押登记金额", N_("Registered secured amount"),
           ("登记金额", "抵押金额", "registered amount"), example="1,200,000.00"),
    Column("creditor_name", "债权人名称", N_("Creditor name"), ("债权人", "creditor", "creditor name"),
           help=N_("Optional: the creditor entered on the import page is used when blank.")),
    Column("creditor_id_number", "债权人统一社会信用代码", N_("Creditor credit code"),
           ("债权人证件号码", "债权人信用代码", "creditor id", "creditor credit code")),
)

BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = tuple(c.key for c in COLUMNS if c.required)


def normalise_header(text) -> str:
    """Fold a header for matching: full-width to ASCII, no spaces, no units in brackets, no punctuation."""
    value = unicodedata.normalize("NFKC", str(text or "")).lower()
    value = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", value)
    return re.sub(r"[\s_\-*:：/.、]", "", value)


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, column.key, *column.aliases):
            index.setdefault(normalise_header(name), column.key)
    return index


HEADER_INDEX = _index()


@dataclass
class HeaderMatch:
    """Which file column holds which field, and what could not be matched."""

    positions: dict[str, int]  # column key -> index in the row
    headers: dict[str, str]  # column key -> the header as written in the file
    unknown: list[str]
    duplicates: list[tuple[str, str]]  # (first header, second header) naming the same field

    @property
    def missing(self) -> list[str]:
        """Return the keys of required columns the file lacks."""
        return [key for key in REQUIRED if key not in self.positions]


def match_headers(cells: list) -> HeaderMatch:
    """Map a header row onto the known columns."""
    match = HeaderMatch({}, {}, [], [])
    for position, cell in enumerate(cells):
        text = str(cell).strip() if cell is not None else ""
        if not text:
            continue
        key = HEADER_INDEX.get(normalise_header(text))
        if key is None:
            match.unknown.append(text)
        elif key in match.positions:
            match.duplicates.append((match.headers[key], text))
        else:
            match.positions[key] = position
            match.headers[key] = text
    return match
