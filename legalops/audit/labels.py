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
