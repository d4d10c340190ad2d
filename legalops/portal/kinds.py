"""The dispatcher: each kind of firm update names its schema, its browser form and the service that applies it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.portal.schemas import NoteIn


@dataclass(frozen=True)
class FormField:
    """One input of a kind's browser form."""

    name: str
    label: str
    type: str = "text"  # text / date / time / textarea / number / select / per_debtor
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    money: bool = False  # shown to the reviewer as ¥1,234.00


@dataclass(frozen=True)
class UpdateKind:
    """A kind of update: how it is validated, entered and, once accepted, applied."""

    key: str
    label: str
    schema: type[BaseModel]
    #: apply(session, case, data, reviewer, summary) changes the case through the owning domain's service.
    apply: Callable[[Session, Case, BaseModel, User, str], None]
    fields: tuple[FormField, ...] = ()
    #: Turns the browser form (and the case's debtors) into the schema's input; default: the fields by name.
    from_form: Callable[[dict, list], dict] | None = None
    help: str = ""
    extra: dict = field(default_factory=dict)


def _apply_note(session: Session, case: Case, data: NoteIn, reviewer: User, summary: str) -> None:
    # A note changes no field; acknowledging it is the audit entry written by accept_update.
    return None


KINDS: dict[str, UpdateKind] = {}


def register(kind: UpdateKind) -> None:
    """Add or replace a kind (the litigation and enforcement handlers register theirs)."""
    KINDS[kind.key] = kind


# The stage-specific kinds come first (the form's default) and apply through the litigation and enforcement services.
from legalops.portal import stage_kinds  # noqa: E402,F401 - registers on import

register(UpdateKind(
    "note", N_("Note to counsel"), NoteIn, _apply_note,
    fields=(FormField("text", N_("Note"), "textarea", required=True),),
    help=N_("Anything counsel should know; it changes no field of the case."),
))


def get_kind(key: str) -> UpdateKind:
    """Return the kind registered under `key`, or NotFound."""
    kind = KINDS.get(key)
    if kind is None:
        raise NotFound(N_("No such kind of update."), field="kind")
    return kind
