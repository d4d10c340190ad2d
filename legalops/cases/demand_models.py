"""Demand letters (律师函/催收函) delivered to a case's debtors: when, how, and the proof."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.core.i18n import N_


class DeliveryMethod(StrEnum):
    """How a demand reached the debtor (诉讼时效规定 art. 8 accepts each if it reached or should have)."""

    ems = "ems"
    registered_post = "registered_post"
    personal = "personal"
    email = "email"
    sms_wechat = "sms_wechat"
    notary = "notary"


METHOD_LABELS = {
    DeliveryMethod.ems: N_("EMS"),
    DeliveryMethod.registered_post: N_("Registered post"),
    DeliveryMethod.personal: N_("Personal delivery (signed receipt)"),
    DeliveryMethod.email: N_("E-mail"),
    DeliveryMethod.sms_wechat: N_("SMS / WeChat"),
    DeliveryMethod.notary: N_("Notary-witnessed delivery"),
}


class DemandDelivery(SQLModel, table=True):
    """One demand delivered to one addressee; it interrupts that debtor's limitation period (民法典 art. 195)."""

    __tablename__ = "demand_delivery"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    #: The addressee: a party who is a debtor, guarantor or security provider on the case.
    party_id: int = Field(foreign_key="party.id", index=True)
    #: The day the demand reached the addressee: the limitation period restarts from it.
    delivered_on: dt.date
    method: str = Field(max_length=20)
    tracking_number: str = Field(default="", max_length=80)
    #: Where the proof is (signed receipt, EMS tracking print-out, notarial certificate number …); optional.
    proof: str = Field(default="", max_length=300)
    #: The demand-letter filing that was sent, if it was generated here.
    filing_id: int | None = Field(default=None, foreign_key="filing.id")
    note: str = Field(default="", max_length=500)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
