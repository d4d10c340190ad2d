"""Cell values as people type them in loan tapes: Chinese option names, date styles, full-width text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from legalops.cases.models import DebtorRole
from legalops.parties.models import IdType, PartyKind

SEPARATORS = re.compile(r"[;；]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_RESIDENT_ID = re.compile(r"\d{17}[\dX]")
# Names that can only be organisations; a person's name never carries these.
_ORG_NAME = re.compile(r"公司|有限合伙|合作社|集团|事务所|研究院|(厂|中心|商行|银行|经营部|门市部|商店|协会)$")


def text(value) -> str:
    """Return a cell as stripped text; whole numbers lose Excel's trailing '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def folded(value) -> str:
    """Return a cell as text with full-width characters folded (for codes, numbers, options)."""
    return unicodedata.normalize("NFKC", text(value)).strip()


def option_key(value) -> str:
    """Fold an option cell for lookup: no case, spaces or punctuation."""
    return re.sub(r"[\s,，、.。()（）_\-]", "", folded(value).lower())


def _options(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {option_key(alias): key for key, aliases in table.items() for alias in (key, *aliases)}


PARTY_KINDS = _options({
    PartyKind.person.value: ("个人", "自然人", "个人客户", "person", "individual", "natural person"),
    PartyKind.organisation.value: ("企业", "公司", "单位", "法人", "机构", "组织", "对公", "企业客户", "organization",
                                   "company", "corporate", "entity"),
})
GUARANTEE_TYPES = _options({
    DebtorRole.joint_guarantor.value: ("连带", "连带责任", "连带责任保证", "连带保证", "joint", "joint liability"),
    DebtorRole.general_guarantor.value: ("一般", "一般保证", "general", "general guarantee"),
})
REPAYMENT_METHODS = _options({
    "equal_instalments": ("等额本息", "equal instalments"),
    "equal_principal": ("等额本金", "equal principal"),
    "bullet": ("到期一次性还本付息", "到期还本付息", "一次性还本付息", "利随本清", "bullet"),
    "monthly_interest": ("按月付息到期还本", "按月计息到期一次性还本", "按月付息", "按月付息到期一次性还本"),
    "quarterly_interest": ("按季付息到期还本", "按季计息到期一次性还本", "按季付息", "按季付息到期一次性还本"),
    "annual_interest": ("按年付息到期还本", "按年计息到期一次性还本", "按年付息", "按年付息到期一次性还本"),
    "other": ("其他", "其它"),
})
COLLATERAL_KINDS = _options({
    "real_estate": ("房产", "房屋", "住宅", "商铺", "厂房", "不动产", "房地产", "在建工程", "real estate"),
    "land_use_right": ("土地", "土地使用权", "land", "land use right"),
    "vehicle": ("车辆", "机动车", "汽车"),
    "equipment": ("设备", "机器设备", "机械设备"),
    "equity": ("股权", "股份", "shares"),
    "receivable": ("应收账款", "应收款", "receivables"),
    "deposit": ("存单", "存款", "保证金", "定期存单"),
    "other": ("其他", "其它"),
})
CURRENCIES = _options({"CNY": ("人民币", "RMB", "元", "cny"), "USD": ("美元", "美金"), "HKD": ("港币", "港元"),
                       "EUR": ("欧元",), "JPY": ("日元",), "GBP": ("英镑",)})


def choose(value, options: dict[str, str]) -> str | None:
    """Return the option a cell names, the folded cell if it names none (so validation reports it), or None."""
    raw = folded(value)
    if not raw:
        return None
    return options.get(option_key(raw), raw)


def to_date(value):
    """Return a date for date cells and the common Chinese date styles; anything else is returned for validation."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 100_000:
        from openpyxl.utils.datetime import from_excel

        # An unformatted date cell holds Excel's day count.
        return from_excel(value).date()
    raw = folded(value)
    match = _DATE.fullmatch(raw) or _COMPACT_DATE.fullmatch(raw)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return raw
    return raw or None


def party_kind(explicit, name: str, id_number: str) -> tuple[str, str]:
    """Return (kind, id_type): as stated, else an organisation's name or a resident-ID-shaped number decides."""
    kind = choose(explicit, PARTY_KINDS)
    if kind is None:
        if _ORG_NAME.search(name):
            kind = PartyKind.organisation.value
        elif _RESIDENT_ID.fullmatch(id_number) or len(id_number) != 18:
            kind = PartyKind.person.value
        else:
            kind = PartyKind.organisation.value
    id_type = IdType.uscc.value if kind == PartyKind.organisation.value else IdType.resident_id.value
    return kind, id_type


def split_cell(value) -> list[str]:
    """Split a multi-value cell on ';' or '；', dropping blanks at the ends."""
    parts = [part.strip() for part in SEPARATORS.split(text(value))]
    while parts and not parts[-1]:
        parts.pop()
    while parts and not parts[0]:
        parts.pop(0)
    return parts
