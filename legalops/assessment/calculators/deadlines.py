"""Procedural and substantive deadlines: appeal, enforcement application, limitation, guarantee, preservation."""

from __future__ import annotations

import datetime as dt

from legalops.core import calendar as cal
from legalops.core.i18n import N_

from .base import (
    DEFAULT_SETTINGS,
    JIESHI,
    MINFADIAN,
    MINSUFA,
    CalculatorInputError,
    Citation,
    Convention,
    Field,
    Result,
    Settings,
    cn_date,
)

_SHIXIAO = ("最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定", "2020修正")
_BAOQUAN = ("最高人民法院关于人民法院办理财产保全案件若干问题的规定", "2020修正")


def _rolled(last_day: dt.date, steps: list[str]) -> dt.date:
    """Roll a forward-counted last day off rest days and say so in the steps."""
    final = cal.roll_forward(last_day)
    if final != last_day:
        steps.append(f"{cn_date(last_day)}为法定休假日，顺延至休假日后的第一个工作日 {cn_date(final)}")
    return final


def _calendar_error(field: str, exc: cal.CalendarYearMissing) -> CalculatorInputError:
    return CalculatorInputError(field, str(exc))


APPEAL_SCHEMA = (
    Field("document", "choice", choices=("judgment", "ruling"), label=N_("First-instance decision")),
    Field("served_on", "date", label=N_("Date of service")),
    Field("party_domiciled_in_china", "bool", required=False, default=True, label=N_("The party is domiciled in the PRC")),
)


def appeal_deadline(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the last day to appeal a first-instance judgment or ruling."""
    served = values["served_on"]
    citations = [Citation(*MINSUFA, "第一百七十一条")]
    if not values["party_domiciled_in_china"]:
        days = 30
        citations.append(Citation(*MINSUFA, "第二百八十六条"))
        reason = "在中华人民共和国领域内没有住所的当事人，上诉期为三十日"
    elif values["document"] == "judgment":
        days, reason = 15, "不服第一审判决的上诉期为十五日"
    else:
        days, reason = 10, "不服第一审裁定的上诉期为十日"
    steps = [reason, f"自送达之日的次日起算：{cn_date(served)} + {days} 日"]
    last = cal.add_days(served, days)
    steps.append(f"期间届满日：{cn_date(last)}")
    try:
        final = _rolled(last, steps)
    except cal.CalendarYearMissing as exc:
        raise _calendar_error("served_on", exc) from None
    citations += [Citation(*MINSUFA, "第八十五条"), Citation(*JIESHI, "第一百二十五条")]
    steps.append(f"上诉期最后一日：{cn_date(final)}")
    return Result("appeal-deadline", {"last_day": final.isoformat()}, steps, citations)


ENFORCEMENT_APPLICATION_SCHEMA = (
    Field("last_day_of_performance_period", "date", label=N_("Last day of the performance period set by the decision")),
)


def enforcement_application_deadline(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the last day to apply for enforcement: two years from the end of the performance period."""
    start = values["last_day_of_performance_period"]
    last = cal.add_years(start, 2)
    steps = [
        "申请执行的期间为二年，从法律文书规定履行期间的最后一日起计算",
        f"{cn_date(start)}（当日不计入）+ 2 年 = {cn_date(last)}",
    ]
    try:
        final = _rolled(last, steps)
    except cal.CalendarYearMissing as exc:
        raise _calendar_error("last_day_of_performance_period", exc) from None
    steps.append(f"申请执行期间最后一日：{cn_date(final)}（期间的中止、中断适用诉讼时效的规定）")
    return Result(
        "enforcement-application-deadline",
        {"last_day": final.isoformat()},
        steps,
        [Citation(*MINSUFA, "第二百五十条"), Citation(*MINFADIAN, "第二百零一条至第二百零三条")],
    )


INTERRUPTION_KINDS = ("demand", "acknowledgement", "partial_payment", "suit", "other")
_KIND_LABELS = {
    "demand": "权利人提出履行请求",
    "acknowledgement": "义务人同意履行义务",
    "partial_payment": "义务人部分履行",
    "suit": "提起诉讼",
    "other": "与提起诉讼具有同等效力的其他情形",
}
LIMITATION_SCHEMA = (
    Field("loan_due_date", "date", label=N_("Loan due date")),
    Field("interruptions", "list", required=False, default=[], label=N_("Interruptions of the limitation period"),
          item=(Field("date", "date"), Field("kind", "choice", choices=INTERRUPTION_KINDS))),
)


def _still_running(when: dt.date, unrolled_expiry: dt.date) -> bool:
    """Tell whether the period was still running on `when`, consulting the calendar only when needed."""
    if when <= unrolled_expiry:
        return True
    if (when - unrolled_expiry).days > cal.MAX_HOLIDAY_RUN:
        return False  # no run of rest days is this long, so no roll-forward can reach `when`
    return when <= cal.roll_forward(unrolled_expiry)


def limitation_expiry(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the last day of the 3-year limitation period after any effective interruptions."""
    due = values["loan_due_date"]
    # Keep each interruption's input position so an error names the field the user typed.
    interruptions = sorted(enumerate(values["interruptions"] or []), key=lambda pair: pair[1]["date"])
    citations = [Citation(*MINFADIAN, "第一百八十八条"), Citation(*MINFADIAN, "第二百零一条至第二百零三条")]
    cap = cal.add_years(due, 20)
    # Intermediate expiries stay unrolled: rolling is monotone, so only the final one needs the
    # holiday table, and old loans whose early years are not in the table still compute.
    expiry = cal.add_years(due, 3)
    steps = [f"诉讼时效期间为三年，自借款到期日 {cn_date(due)} 起算（当日不计入），至 {cn_date(expiry)}"]
    field_name = decisive = "loan_due_date"
    try:
        for index, item in interruptions:
            when, kind = item["date"], item["kind"]
            field_name = f"interruptions[{index}].date"
            label = f"{cn_date(when)} {_KIND_LABELS[kind]}"
            if when < due:
                steps.append(f"{label}：早于到期日，时效尚未起算，不产生中断效果")
                continue
            if not _still_running(when, expiry):
                steps.append(
                    f"{label}：诉讼时效已于 {cn_date(expiry)}（遇休假日顺延）届满，不再中断"
                    "（义务人届满后同意履行或在催收通知上签字的，不得再以时效抗辩，见诉讼时效规定第十九条）"
                )
                continue
            if cal.add_years(when, 3) > expiry:
                expiry, decisive = cal.add_years(when, 3), field_name
            note = "（诉讼中断的，自有关程序终结时起重新计算）" if kind == "suit" else ""
            steps.append(f"{label}，时效中断并重新计算三年至 {cn_date(cal.add_years(when, 3))}{note}")
        field_name = decisive
        final = cap if expiry > cap else _rolled(expiry, steps)
        if final > cap or expiry > cap:
            # Conservative: the 20-year maximum is not extended to the next working day (§3.1 UNCERTAIN).
            steps.append(f"最长不超过二十年：{cn_date(cap)}")
            final = cap
    except cal.CalendarYearMissing as exc:
        raise _calendar_error(field_name, exc) from None
    if interruptions:
        citations += [Citation(*MINFADIAN, "第一百九十五条"), Citation(*_SHIXIAO, "第八条"),
                      Citation(*_SHIXIAO, "第十条"), Citation(*_SHIXIAO, "第十四条")]
    conventions = [Convention("limitation_day_zero", "due_date",
                              "以到期日为第 0 日；部分实务以到期日次日为起点，多算一日（legal-rules.md §3.2）")]
    steps.append(f"诉讼时效届满日：{cn_date(final)}")
    return Result("limitation-expiry", {"last_day": final.isoformat()}, steps, citations, conventions)


GUARANTEE_SCHEMA = (
    Field("main_debt_due_date", "date", label=N_("Due date of the main debt")),
    Field("agreed_period_months", "int", required=False, label=N_("Agreed guarantee period (months)")),
)


def guarantee_period_expiry(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the last day of the guarantee period (agreed, else six months from the main debt's due date)."""
    due = values["main_debt_due_date"]
    months = values["agreed_period_months"]
    citations = [Citation(*MINFADIAN, "第六百九十二条")]
    if months:
        steps = [f"约定保证期间 {months} 个月，自主债务履行期限届满之日起计算"]
    else:
        months = 6
        steps = ["没有约定、约定不明确或约定期间不晚于主债务履行期限的，保证期间为主债务履行期限届满之日起六个月"]
        citations.append(Citation("最高人民法院关于适用《中华人民共和国民法典》有关担保制度的解释", "2020-12-31",
                                  "第三十二条"))
    last = cal.add_months(due, months)
    steps.append(f"{cn_date(due)}（当日不计入）+ {months} 个月 = {cn_date(last)}")
    citations.append(Citation(*MINFADIAN, "第二百零二条"))
    if settings.guarantee_roll_forward:
        try:
            last = _rolled(last, steps)
        except cal.CalendarYearMissing as exc:
            raise _calendar_error("main_debt_due_date", exc) from None
    else:
        steps.append("保证期间不发生中止、中断和延长，届满日不因休假日顺延（保守处理）")
    steps.append(f"保证期间届满日：{cn_date(last)}；债权人应在此前依法向债务人起诉（一般保证）或向保证人主张（连带责任保证）")
    citations.append(Citation(*MINFADIAN, "第六百九十三条"))
    conventions = [Convention("guarantee_roll_forward", settings.guarantee_roll_forward,
                              "休假日顺延是否适用于保证期间未有定论（legal-rules.md §3.1）")]
    return Result("guarantee-period-expiry", {"last_day": last.isoformat()}, steps, citations, conventions)


PRESERVATION_YEARS = {"bank_deposit": 1, "movables": 2, "real_estate": 3, "other_rights": 3}
_MEASURE_LABELS = {"bank_deposit": "冻结银行存款", "movables": "查封、扣押动产",
                   "real_estate": "查封不动产", "other_rights": "冻结其他财产权"}
PRESERVATION_EXPIRY_SCHEMA = (
    Field("measure", "choice", choices=tuple(PRESERVATION_YEARS), label=N_("Preservation measure")),
    Field("start", "date", label=N_("Start of the preservation measure")),
)


def preservation_expiry(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the last day of a preservation measure's maximum term."""
    measure, start = values["measure"], values["start"]
    years = PRESERVATION_YEARS[measure]
    steps = [f"{_MEASURE_LABELS[measure]}的期限不得超过 {years} 年"]
    if settings.preservation_start_day == "counted":
        last = cal.add_years(start, years) - dt.timedelta(days=1)
        steps.append(f"起始日计入（法院通知“自…起至…止”）：自 {cn_date(start)} 起至 {cn_date(last)} 止")
    else:
        last = cal.add_years(start, years)
        steps.append(f"起始日不计入：{cn_date(start)} + {years} 年 = {cn_date(last)}")
    steps.append("期限届满日以法院通知载明的日期为准，不因休假日顺延；续行保全应在届满七日前申请")
    return Result(
        "preservation-expiry",
        {"last_day": last.isoformat()},
        steps,
        [Citation(*JIESHI, "第四百八十五条"), Citation(*_BAOQUAN, "第十八条")],
        [Convention("preservation_start_day", settings.preservation_start_day,
                    "法院通知通常计入起始日；另一种算法不计入起始日，届满日晚一天（legal-rules.md §3.6）")],
    )


RENEWAL_SCHEMA = (Field("preservation_expiry", "date", label=N_("Expiry of the preservation measure")),)


def preservation_renewal(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the last day to apply for renewal: seven days before expiry, moved earlier off rest days."""
    expiry = values["preservation_expiry"]
    target = cal.add_days(expiry, -7)
    steps = [f"申请续行保全应在保全期限届满七日前提出：{cn_date(expiry)} − 7 日 = {cn_date(target)}"]
    try:
        final = cal.roll_back(target)
    except cal.CalendarYearMissing as exc:
        raise _calendar_error("preservation_expiry", exc) from None
    if final != target:
        steps.append(f"{cn_date(target)}为休息日；倒计期间不向后顺延，提前至前一个工作日 {cn_date(final)}")
    steps.append(f"最迟申请日：{cn_date(final)}")
    return Result(
        "preservation-renewal",
        {"apply_no_later_than": final.isoformat()},
        steps,
        [Citation(*_BAOQUAN, "第十八条"), Citation(*JIESHI, "第四百八十五条")],
        [Convention("backward_deadline", "roll_back",
                    "倒计期间遇休息日是否顺延未有定论；保守地提前至前一个工作日（legal-rules.md §3.1）")],
    )
