"""Display labels (translatable msgids) for the case register's choices."""

from legalops.cases.models import DebtorRole
from legalops.core.i18n import N_

DEBTOR_ROLES = {
    DebtorRole.borrower: N_("Borrower"),
    DebtorRole.co_borrower: N_("Co-borrower"),
    DebtorRole.general_guarantor: N_("General guarantor (一般保证)"),
    DebtorRole.joint_guarantor: N_("Joint-liability guarantor (连带责任保证)"),
    DebtorRole.mortgagor: N_("Mortgagor"),
    DebtorRole.pledgor: N_("Pledgor"),
}

COLLATERAL_KINDS = {
    "real_estate": N_("Real estate"),
    "land_use_right": N_("Land-use right"),
    "vehicle": N_("Vehicle"),
    "equipment": N_("Machinery and equipment"),
    "equity": N_("Equity"),
    "receivable": N_("Receivables"),
    "deposit": N_("Deposit or certificate"),
    "other": N_("Other"),
}

REPAYMENT_METHODS = {
    "equal_instalments": N_("Equal instalments (等额本息)"),
    "equal_principal": N_("Equal principal (等额本金)"),
    "bullet": N_("Principal and interest at maturity"),
    "monthly_interest": N_("Monthly interest, principal at maturity"),
    "quarterly_interest": N_("Quarterly interest, principal at maturity"),
    "annual_interest": N_("Annual interest, principal at maturity"),
    "other": N_("Other"),
}

PARTY_KINDS = {"person": N_("Natural person"), "organisation": N_("Organisation")}

ID_TYPES = {
    "resident_id": N_("Resident ID card"),
    "uscc": N_("Unified social credit code"),
    "passport": N_("Passport"),
    "other": N_("Other document"),
}
