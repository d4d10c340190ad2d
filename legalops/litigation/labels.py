"""Display labels (translatable msgids) for litigation and enforcement choices."""

from legalops.core.i18n import N_

JURISDICTION_BASES = {"agreed_clause": N_("Agreed jurisdiction clause"),
                      "defendant_domicile": N_("Defendant's domicile"),
                      "collateral_location": N_("Location of the collateral")}
PROCEDURES = {"ordinary": N_("Ordinary procedure"), "simplified": N_("Simplified procedure"),
              "payment_order": N_("Payment order (督促程序)"), "special": N_("Special procedure (实现担保物权)")}
EVENT_KINDS = {"service": N_("Service on a party"), "hearing": N_("Hearing"),
               "preservation_ruling": N_("Preservation ruling"), "mediation": N_("Mediation"),
               "withdrawal": N_("Withdrawal of the suit"), "appeal": N_("Appeal")}
DOCUMENT_KINDS = {"judgment": N_("Judgment"), "ruling": N_("Ruling"), "mediation": N_("Mediation statement")}
LIABILITIES = {"principal_debtor": N_("Principal debtor"),
               "joint_and_several": N_("Joint and several liability"),
               "general_guarantee": N_("General guarantee"),
               "priority_collateral": N_("Priority over named collateral")}
MEASURE_KINDS = {"freeze": N_("Freeze"), "seizure": N_("Seizure"), "attachment": N_("Attachment")}
ASSET_TYPES = {"bank_deposit": N_("Bank deposit (max. 1 year)"), "movables": N_("Movables (max. 2 years)"),
               "real_estate": N_("Real estate (max. 3 years)"), "other_rights": N_("Other property rights (max. 3 years)")}
MEASURE_PHASES = {"preservation": N_("Preservation"), "enforcement": N_("Enforcement")}
MEASURE_STATUSES = {"active": N_("In force"), "released": N_("Released"), "lapsed": N_("Lapsed")}
CLOCKS = {"appeal": N_("Appeal deadline"), "judgment_effective": N_("Takes effect"),
          "performance_period": N_("End of performance period"),
          "enforcement_application": N_("Enforcement application deadline"),
          "preservation_expiry": N_("Expiry"), "preservation_renewal": N_("Apply for renewal by")}
LEAD_KINDS = {"bank_account": N_("Bank account"), "real_estate": N_("Real estate"), "vehicle": N_("Vehicle"),
              "equity": N_("Equity"), "receivable": N_("Receivable"), "other": N_("Other")}
LEAD_STATUSES = {"new": N_("New"), "investigating": N_("Investigating"), "measure_taken": N_("Measure taken"),
                 "exhausted": N_("Exhausted")}
ENFORCEMENT_STATUSES = {"open": N_("Open"), "terminated": N_("Terminated (终本)"), "resumed": N_("Resumed (执恢)"),
                        "closed": N_("Closed")}
