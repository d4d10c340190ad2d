"""Display labels (translatable msgids) for audit actions."""

from legalops.core.i18n import N_

ACTION_LABELS = {
    "create": N_("Created"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "stage": N_("Stage changed"),
    "assign": N_("Firm assignment"),
    "import": N_("Imported"),
    "login": N_("Signed in"),
    "sign_out_all": N_("Signed out everywhere"),
}

OBJECT_LABELS = {
    "case": N_("Case"),
    "party": N_("Party"),
    "case_party": N_("Debtor role"),
    "loan": N_("Loan"),
    "collateral": N_("Collateral"),
    "user": N_("User"),
    "firm": N_("Law firm"),
    "portfolio": N_("Portfolio"),
    "demand_delivery": N_("Demand delivery"),
}

#: Column names shown in the trail, with their labels; other columns (ids, versions, stamps) are not shown.
FIELD_LABELS = {
    "reference": N_("Reference"),
    "name": N_("Name"),
    "party_name": N_("Name"),
    "kind": N_("Type"),
    "id_type": N_("Identity document"),
    "id_number": N_("Document number"),
    "gender": N_("Sex"),
    "birth_date": N_("Date of birth"),
    "phone": N_("Phone"),
    "address": N_("Domicile (住所地)"),
    "residence": N_("Habitual residence"),
    "employer": N_("Employer"),
    "legal_rep": N_("Legal representative"),
    "legal_rep_title": N_("Title of the legal representative"),
    "role": N_("Role"),
    "guarantee_limit": N_("Guarantee limit (yuan)"),
    "guarantee_period_months": N_("Agreed guarantee period (months)"),
    "note": N_("Note"),
    "stage": N_("Stage"),
    "reason": N_("Reason"),
    "firm": N_("Firm"),
    "court_name": N_("Court"),
    "court_case_number": N_("Court case number"),
    "opened_on": N_("Opened on"),
    "contract_number": N_("Contract number"),
    "currency": N_("Currency"),
    "principal": N_("Principal"),
    "contract_rate": N_("Contract rate"),
    "penalty_rate": N_("Penalty rate"),
    "compound_rate": N_("Compound-interest rate"),
    "signed_on": N_("Signed on"),
    "disbursed_on": N_("Disbursed on"),
    "maturity_date": N_("Maturity date"),
    "default_date": N_("Default date"),
    "cutoff_date": N_("Balances as of"),
    "outstanding_principal": N_("Outstanding principal"),
    "outstanding_interest": N_("Outstanding interest"),
    "outstanding_penalty": N_("Outstanding penalty and compound interest"),
    "repayment_method": N_("Repayment method"),
    "description": N_("Description"),
    "certificate_number": N_("Certificate number"),
    "location": N_("Location"),
    "registered_amount": N_("Registered amount"),
    "rank": N_("Rank"),
    "username": N_("User name"),
    "active": N_("Active"),
    "rows": N_("Rows"),
    "imported": N_("Imported"),
    "skipped": N_("Skipped"),
    "delivered_on": N_("Delivered on"),
    "method": N_("Method"),
    "tracking_number": N_("Tracking number"),
    "proof": N_("Proof"),
    "acquired_by_assignment": N_("Acquired by assignment"),
    "assignor": N_("Assignor"),
    "assignment_date": N_("Assignment date"),
    "assignment_notice_date": N_("Assignment notice date"),
    "agent_name": N_("Lawyer acting as agent"),
    "agent_phone": N_("Lawyer phone"),
}


def visible_changes(before: dict | None, after: dict | None) -> list[tuple[str, object, object]]:
    """Return (label msgid, old value, new value) for the labelled fields an entry touched."""
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*after.keys(), *before.keys()]))
    return [(FIELD_LABELS[k], before.get(k), after.get(k)) for k in keys if k in FIELD_LABELS]
