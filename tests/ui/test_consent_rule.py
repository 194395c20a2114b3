"""The walk-in dialog says who will see what of the person it registers."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from eventdesk.domain.sharing import CONSENT_RULE


def test_the_walk_in_dialog_says_the_rule(qtbot: QtBot) -> None:
    from eventdesk.ui.dialogs.walk_in import WalkInDialog

    dialog = WalkInDialog()
    qtbot.addWidget(dialog)
    assert dialog.consent_rule.text() == CONSENT_RULE
    assert "never their e-mail or phone" in CONSENT_RULE and "matchmaking" in CONSENT_RULE
    # The import wizard's preview says the same sentence (tests/ui/test_import_wizard.py).
