"""The dispatcher: each kind of firm update names its schema, its browser form and the service that applies it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel
from sqlmodel import Session

from legalops.audit.services import record, snapshot
from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.core.clock import utcnow
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.portal.schemas import FiledIn, NoteIn


@dataclass(frozen=True)
class FormField:
    """One input of a kind's browser form."""

    name: str
    label: str
    type: str = "text"  # text / date / datetime-local / textarea / number
    required: bool = False


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


def _apply_filed(session: Session, case: Case, data: FiledIn, reviewer: User, summary: str) -> None:
    before = snapshot(case, ["court_name", "court_case_number"])
    case.court_name, case.court_case_number = data.court_name, data.court_case_number
    after = snapshot(case, ["court_name", "court_case_number"])
    if after != before:
        case.version += 1
        case.updated_at = utcnow()
        record(session, reviewer, "update", case, before=before, after=after, summary=summary)


def _apply_note(session: Session, case: Case, data: NoteIn, reviewer: User, summary: str) -> None:
    # A note changes no field; acknowledging it is the audit entry written by accept_update.
    return None


KINDS: dict[str, UpdateKind] = {}


def register(kind: UpdateKind) -> None:
    """Add or replace a kind (the litigation and enforcement handlers register theirs)."""
    KINDS[kind.key] = kind


register(UpdateKind(
    "filed", N_("Filed with the court"), FiledIn, _apply_filed,
    fields=(FormField("court_name", N_("Court"), required=True),
            FormField("court_case_number", N_("Court case number"), required=True),
            FormField("filed_on", N_("Filed on"), "date", required=True),
            FormField("note", N_("Note"), "textarea")),
    help=N_("The court accepted the suit: its name and the case number (案号)."),
))
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
