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
    "state": N_("Deadline state changed"),
    "resync": N_("New date for a deadline already done"),
    "revoke": N_("Revoked"),
    "generate": N_("Filing generated"),
    "approve": N_("Filing approved"),
    "file": N_("Filing marked as filed"),
    "supersede": N_("Filing superseded"),
    "mark_stale": N_("Filing marked stale"),
    "upload": N_("Form version uploaded"),
    "activate": N_("Form version activated"),
    "rollback": N_("Form version rolled back"),
    "override": N_("Entered despite a failed legal check"),
    "receipt": N_("Receipt posted to the ledger"),
    "submit": N_("Submitted for decision"),
    "decide": N_("Decision"),
    "propose": N_("Firm update"),
    "accept": N_("Accepted"),
    "reject": N_("Rejected"),
    "renew": N_("Renewals"),
    "reverse": N_("Reversed"),
    "match": N_("Matched"),
    "unrelated": N_("Unrelated"),
    "reopen": N_("Reopened for matching"),
    "close": N_("Closed"),
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
    "deadline": N_("Deadline"),
    "calendar_token": N_("Calendar subscription"),
    "filing": N_("Court filing"),
    "form_version": N_("Form template version"),
    "demand_delivery": N_("Demand delivery"),
    "reference_price": N_("Reference price"),
    "price_objection": N_("Objection to a reference price"),
    "encumbrance": N_("Other creditor's encumbrance"),
    "auction_round": N_("Auction round"),
    "assessment": N_("Assessment"),
    "assessment_decision": N_("Decision"),
    "assessment_evidence": N_("Evidence checklist"),
    "case_document": N_("Court document"),
    "case_event": N_("Event"),
    "case_update": N_("Firm update"),
    "claim_cost": N_("Costs"),
    "court_receipt": N_("Money received through the court (执行款)"),
    "enforcement_case": N_("Enforcement"),
    "firm_token": N_("API token"),
    "judgment": N_("Judgment"),
    "ledger_entry": N_("Ledger entry"),
    "litigation_event": N_("Event"),
    "measure": N_("Measure"),
    "measure_renewal": N_("Renewals"),
    "proceeding": N_("Litigation"),
    "property_lead": N_("Property leads"),
    "settlement_plan": N_("Settlement plans"),
    "statement_line": N_("Statement line"),
    "month_close": N_("Month closed"),
    "bank_account": N_("Bank account"),
}

#: Column names shown in the trail, with their labels; other columns (ids, versions, stamps) are not shown.
FIELD_LABELS = {
    "reference": N_("Reference"),
    "due_on": N_("Due on"),
    "title": N_("Deadline"),
    "citation": N_("Rule"),
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
    "rate_terms": N_("Floating rate"),
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
    "form_title": N_("Form"),
    "version_number": N_("Version"),
    "form_version": N_("Form version"),
    "label": N_("Version label"),
    "status": N_("Status"),
    "stale": N_("Stale"),
    "filed_on": N_("Filed on"),
    "filed_court": N_("Court filed with"),
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
    "round_number": N_("Round"),
    "mode": N_("Auction mode"),
    "reserve_price": N_("Reserve price"),
    "deposit": N_("Deposit"),
    "announced_on": N_("Announced on"),
    "starts_at": N_("Bidding starts"),
    "ends_at": N_("Bidding ends"),
    "bids_count": N_("Number of bids"),
    "winning_bid": N_("Winning bid"),
    "buyer": N_("Buyer"),
    "payment_deadline": N_("Buyer pays by"),
    "ruling_number": N_("Confirmation ruling number"),
    "ruling_on": N_("Ruling served on"),
    "transferred_on": N_("Title transferred on"),
    "enforcement_costs": N_("Enforcement costs"),
    "rules": N_("Rules departed from"),
    "value": N_("Value"),
    "determined_on": N_("Determined on"),
    "creditor": N_("Creditor"),
    "secured_amount": N_("Secured amount"),
    "outcome": N_("Outcome"),
    "grounds": N_("Grounds"),
    "amount": N_("Amount"),
    "received_on": N_("Received on"),
}


class Label(str):
    """A msgid standing for a stored value (a role, a kind, a status): shown translated, never raw."""


#: Labels of stored values by (object type, field), or (None, field) for any object type. The domains' label
#: dictionaries are registered by the delivery layer: audit sits below the domains and cannot import them.
VALUE_LABELS: dict[tuple[str | None, str], dict[str, str]] = {}

#: Words that object types put in their entries' summaries (e.g. "round 1 failed"), besides their values.
SUMMARY_WORDS: dict[str, dict[str, str]] = {
    "assessment_decision": {"go": N_("Go"), "no_go": N_("No-go")},
    "auction_round": {"round": N_("Round")},
}

#: Object types whose summary is itself a msgid (a firm update's kind).
TRANSLATED_SUMMARIES = {"case_update"}


def register_value_labels(field: str, labels: dict, *object_types: str) -> None:
    """Show the values of `field` (on the given object types, or on all) by their labels."""
    plain = {getattr(k, "value", k): v for k, v in labels.items()}
    for object_type in object_types or (None,):
        VALUE_LABELS[(object_type, field)] = plain


def value_label(object_type: str | None, field: str, value: object) -> object:
    """Return the label (a Label) of a stored value, or the value itself when it has none."""
    if isinstance(value, bool):
        return Label(N_("Yes") if value else N_("No"))
    if isinstance(value, str):
        labels = VALUE_LABELS.get((object_type, field)) or VALUE_LABELS.get((None, field)) or {}
        if value in labels:
            return Label(labels[value])
    return value


def summary_parts(object_type: str, summary: str) -> list[object]:
    """Split a summary into words, each word that is a stored key of the object type replaced by its Label."""
    if object_type in TRANSLATED_SUMMARIES:
        return [Label(summary)] if summary else []
    words = dict(SUMMARY_WORDS.get(object_type, {}))
    for (kind, _field), labels in VALUE_LABELS.items():
        if kind == object_type:
            words.update(labels)
    return [Label(words[w]) if w in words else w for w in summary.split(" ")]


def visible_changes(before: dict | None, after: dict | None,
                    object_type: str | None = None) -> list[tuple[str, object, object]]:
    """Return (label msgid, old value, new value) for the labelled fields an entry touched; values with a
    label come as a Label."""
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*after.keys(), *before.keys()]))
    return [(FIELD_LABELS[k], value_label(object_type, k, before.get(k)), value_label(object_type, k, after.get(k)))
            for k in keys if k in FIELD_LABELS]
