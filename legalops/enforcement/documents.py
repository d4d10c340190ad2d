"""Court forms from the recorded judgment and measures: enforcement application, renewal application, and the
delayed-performance lines of the claim statement. Registered with the cases' form builders by the app factory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from legalops.assessment.calculators import DEFAULT_SETTINGS, Settings
from legalops.assessment.calculators.interest import DELAY_DAILY_RATE
from legalops.assessment.settings import AssessmentSettings
from legalops.cases import queries as case_queries
from legalops.cases.documents import FormContext, filing_base, register_form_builder, validate_context
from legalops.cases.models import Case
from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.core.money import round_money
from legalops.disposal.documents import register_form_builders as register_disposal_forms
from legalops.enforcement.interest import delayed_performance_interest
from legalops.enforcement.queries import current_enforcement, list_leads
from legalops.litigation import queries as litigation_queries
from legalops.litigation.models import Proceeding

MEASURE_WORDS = {"freeze": "冻结", "seizure": "查封", "attachment": "扣押"}
LEAD_WORDS = {"bank_account": "银行账户", "real_estate": "不动产", "vehicle": "车辆", "equity": "股权",
              "receivable": "到期债权", "other": "其他财产"}


def _amounts(session: Session, case: Case, today: dt.date) -> dict[str, Any]:
    loans = case_queries.list_loans(session, case)
    totals = [round_money(sum((getattr(loan, f) for loan in loans), Decimal("0")))
              for f in ("outstanding_principal", "outstanding_interest", "outstanding_penalty")]
    cutoffs = [loan.cutoff_date for loan in loans if loan.cutoff_date]
    return {"principal": totals[0], "interest": totals[1], "penalty": totals[2], "total": sum(totals),
            "cutoff_date": max(cutoffs) if cutoffs else today}


def _collateral(session: Session, case: Case) -> list[dict[str, Any]]:
    owners = {p.id: p.name for _link, p in case_queries.list_debtors(session, case)}
    return [{"description": c.description, "certificate_number": c.certificate_number or "",
             "location": c.location or "", "owner": owners.get(c.owner_id, "") if c.owner_id else "",
             "registered_amount": c.registered_amount} for c in case_queries.list_collateral(session, case)]


def _leads(session: Session, case: Case) -> list[str]:
    return [f"{LEAD_WORDS[lead.kind]}：{lead.description}{('，' + lead.identifier) if lead.identifier else ''}"
            f"{('（来源：' + lead.source + '）') if lead.source else ''}"
            for lead in list_leads(session, case.id) if lead.status != "exhausted"]


def build_enforcement_application(session: Session, case: Case, today: dt.date,
                                  settings: Settings = DEFAULT_SETTINGS) -> FormContext:
    """强制执行申请书 from the recorded judgment (court, 案号, effective date, awards, doubled interest, leads)."""
    result = FormContext(form_key="enforcement_application", snapshot_at=utcnow())
    data = filing_base(session, case, today, result.missing)
    judgment = litigation_queries.latest_judgment(session, case.id)
    if not case_queries.list_loans(session, case):
        result.missing.append((N_("The case has no loan."), {}))
    if judgment is None:
        # Without a recorded judgment the 执行依据 would name a 民初 number and a blank effective date.
        result.missing.append((N_("No judgment recorded yet."), {}))
    else:
        proceeding = session.get(Proceeding, judgment.proceeding_id)
        clocks = litigation_queries.judgment_clocks(session, judgment)
        if not proceeding.court_case_number:
            result.missing.append((N_("No court case number (案号) is recorded for the judgment."), {}))
        collateral = {c.id: c.description for c in case_queries.list_collateral(session, case)}
        data.update(court_case_number=proceeding.court_case_number, judgment_court=proceeding.court_name,
                    judgment_effective_on=clocks.effective.due_on if clocks.effective else None,
                    costs=judgment.costs_amount or None,
                    awards=[{"name": party.name, "liability": link.liability, "amount": link.amount,
                             "collateral": collateral.get(link.collateral_id, "")}
                            for link, party in litigation_queries.list_judgment_parties(session, judgment)
                            if link.liability])
        interest = delayed_performance_interest(session, case.id, today, settings)
        if interest is not None:
            data["delay_interest"] = {"start": interest.start + dt.timedelta(days=1), "as_of": today,
                                      "amount": interest.interest}
        current = current_enforcement(session, case.id)
        if current is not None and current.court_name:
            data["court"] = current.court_name
    if result.missing:
        return result
    data.update(amounts=_amounts(session, case, today), collateral=_collateral(session, case),
                property_leads=_leads(session, case))
    return validate_context(result, data)


def build_renewal_application(session: Session, case: Case, today: dt.date) -> FormContext:
    """续行查封、冻结申请书 for every measure in force, soonest expiry first."""
    result = FormContext(form_key="preservation_renewal", snapshot_at=utcnow())
    data = filing_base(session, case, today, result.missing)
    measures = litigation_queries.list_active_measures(session, case.id, on=today)
    if not measures:
        result.missing.append((N_("No freeze, seizure or attachment is in force to renew."), {}))
    current = current_enforcement(session, case.id)
    number = current.court_case_number if current and current.court_case_number else case.court_case_number
    if not number:
        result.missing.append((N_("No court case number (案号) is recorded for the judgment."), {}))
    if result.missing:
        return result
    if current is not None and current.court_name:
        data["court"] = current.court_name
    data.update(court_case_number=number, measures=[
        {"kind": MEASURE_WORDS[m.kind], "object_description": m.object_description, "ruling_number": m.ruling_number,
         "imposed_on": m.imposed_on, "expires_on": m.expires_on} for m in measures])
    return validate_context(result, data)


def delayed_performance_periods(session: Session, case: Case, cutoff: dt.date, settings: Settings) -> list[dict]:
    """Return the claim statement's delayed-performance line (DelayedPerformancePeriod-shaped), if any."""
    interest = delayed_performance_interest(session, case.id, cutoff, settings)
    if interest is None or interest.days == 0:
        return []
    return [{"first_day": interest.start + dt.timedelta(days=1), "last_day": cutoff, "days": interest.days,
             "base": interest.debt, "daily_rate": DELAY_DAILY_RATE,
             "amount": interest.interest,
             "note": "加倍部分债务利息 = 未履行金钱债务 × 日万分之一点七五 × 迟延天数（民诉法第二百六十四条；迟延履行利息解释第一条）"}]


def enforcement_number(session: Session, case: Case) -> tuple[str, str] | None:
    """Return (执行案号, court) of the case's current enforcement procedure, or None while it has no number."""
    current = current_enforcement(session, case.id)
    if current is None or not current.court_case_number.strip():
        return None
    return current.court_case_number, current.court_name


def register_form_builders(config: Mapping[str, Any]) -> None:
    """Register the enforcement forms, 以物抵债申请书 and the claim statement's delayed-performance source."""
    from legalops.assessment.statement import DELAYED_PERFORMANCE

    settings = AssessmentSettings.from_dict(config.get("ASSESSMENT_SETTINGS")).calculators
    register_form_builder("enforcement_application",
                          lambda session, case, today: build_enforcement_application(session, case, today, settings))
    register_form_builder("preservation_renewal", build_renewal_application)
    register_disposal_forms(enforcement_number)
    if delayed_performance_periods not in DELAYED_PERFORMANCE:
        DELAYED_PERFORMANCE.append(delayed_performance_periods)

