"""Self check-in: a full-screen window that says "Scan your badge", welcomes, prints, and starts over.

The kiosk shares the desk's controller (same desk name, same scan log, same sounds) and
prints every admitted person's badge. It has no field to type into and no way out but the
staff PIN: Escape or the small Staff button ask for it, and closing the window any other
way is refused.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.i18n import LANGUAGES, current_language, language_name, translations
from eventdesk.services.door.checkin import Verdict
from eventdesk.services.door.kiosk_pin import MAX_DIGITS, check_kiosk_pin, set_kiosk_pin
from eventdesk.settings import Settings
from eventdesk.ui.desk import DeskController
from eventdesk.ui.scanner_input import ScannerInput, accept_scans
from eventdesk.ui.verdict_looks import look_of
from eventdesk.ui.widgets.verdict_panel import PanelText, VerdictPanel

SHOW_VERDICT_MS = 4000


def _say(text: str, language: str = "") -> str:
    """A visitor-facing text in the language the visitor tapped, else the desk's."""
    if language:
        return translations(language).gettext(text)
    return QCoreApplication.translate("Kiosk", text)


def waiting_text(language: str = "") -> PanelText:
    return PanelText(
        "idle",
        _say("Scan your badge", language),
        name=_say("Welcome!", language),
        detail=_say("Hold the QR code of your badge or e-ticket under the scanner.", language),
    )


def kiosk_text(verdict: Verdict, language: str = "", *, printing: bool = False) -> PanelText:
    """Words for a visitor rather than for staff: a welcome, or where to go instead.

    "Your badge is printing" only when it is; someone who scanned their badge holds it, and
    someone whose badge was printed before is told where a lost one is replaced. `language`
    is the one the visitor tapped (empty: the desk's).
    """
    look = look_of(verdict.verdict)
    given = verdict.name.split(" ")[0] if verdict.name else ""
    reason = verdict.reason_in(language) if language else verdict.reason
    if verdict.verdict is ScanVerdict.ADMITTED:
        if printing:
            detail = _say("Your badge is printing.", language)
        elif verdict.matched_as.startswith("badge"):
            detail = _say("Enjoy the fair.", language)
        else:
            detail = _say(
                "Your badge was printed before; if you do not have it, please ask at the staff desk.",
                language,
            )
        return PanelText(
            look,
            _say("Welcome, {name}!", language).format(name=given) if given else _say("Welcome!", language),
            name=verdict.organisation,
            detail=detail,
        )
    if verdict.verdict is ScanVerdict.ALREADY_ADMITTED:
        return PanelText(
            look,
            _say("You are already checked in", language),
            name=verdict.name,
            detail=reason,
            reason=_say("Need a new badge? Please ask at the staff desk.", language),
        )
    return PanelText(
        look,
        _say("Please see the staff desk", language),
        name=verdict.name,
        detail=reason,
    )


class PinDialog(QDialog):
    """Asks for the staff PIN; `accepted` only when it is right."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPinDialog")
        self.setWindowTitle(self.tr("Staff PIN"))
        self.settings = settings
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(MAX_DIGITS)
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        accept_scans(self.pin)  # staff type PINs fast on a keypad: that is typing, not a badge
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        unlock = buttons.addButton(self.tr("Leave kiosk mode"), QDialogButtonBox.ButtonRole.AcceptRole)
        unlock.setDefault(True)
        buttons.accepted.connect(self._check)
        self.pin.returnPressed.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Staff &PIN:"))
        label.setBuddy(self.pin)
        layout.addWidget(label)
        layout.addWidget(self.pin)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if check_kiosk_pin(settings=self.settings, pin=self.pin.text()):
            self.accept()
            return
        self.pin.clear()
        self.error.setText(self.tr("That is not the staff PIN."))


class SetPinDialog(QDialog):
    """The first time kiosk mode is used on this computer: choose the PIN that leaves it."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskSetPinDialog")
        self.setWindowTitle(self.tr("Choose a staff PIN"))
        self.settings = settings
        self.pin = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.pin, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(MAX_DIGITS)
            accept_scans(field)
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "Kiosk mode fills the screen for self check-in. Staff leave it with a PIN of 4 to 12 "
                "digits; choose it now (it is kept, hashed, on this computer)."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&PIN:"), self.pin)
        form.addRow(self.tr("&Again:"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(self.tr("Set PIN and start the kiosk"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self._save)
        self.pin.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _save(self) -> None:
        if self.pin.text() != self.repeat.text():
            self.error.setText(self.tr("The two PINs differ."))
            return
        try:
            set_kiosk_pin(settings=self.settings, pin=self.pin.text())
        except ValidationError as error:
            self.error.setText(str(error))
            return
        self.accept()


class KioskWindow(QWidget):
    """The full-screen self check-in; emits `closed` once staff have left it with the PIN."""

    closed = Signal()

    def __init__(self, controller: DeskController) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("kiosk")
        self.setWindowTitle(self.tr("eventdesk — self check-in"))
        self.controller = controller
        self._unlocked = False
        self.panel = VerdictPanel(scale=1.25)
        self.panel.show_text(waiting_text(), now=False)
        self.note = QLabel()
        self.note.setObjectName("emptyHint")
        self.staff_button = QPushButton(self.tr("Staff"))
        self.staff_button.setFlat(True)
        self.staff_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff_button.clicked.connect(self.ask_pin)
        # The visitor taps their language; the next visitor starts in the desk's again.
        self.language = ""
        self.language_buttons: dict[str, QPushButton] = {}
        languages = QHBoxLayout()
        languages.addStretch(1)
        for code in LANGUAGES:
            button = QPushButton(language_name(code))
            button.setObjectName("kioskLanguage")
            button.setCheckable(True)
            button.setChecked(code == current_language())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)  # a finger, not a mouse
            button.clicked.connect(lambda _checked=False, c=code: self.choose_language(c))
            self.language_buttons[code] = button
            languages.addWidget(button)
        languages.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.staff_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 16)
        layout.addLayout(languages)
        layout.addWidget(self.panel, 1)
        layout.addLayout(bottom)
        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self._scanned)
        self.back_timer = QTimer(self)
        self.back_timer.setSingleShot(True)
        self.back_timer.timeout.connect(self.show_waiting)
        controller.verdict_ready.connect(self._show_verdict)
        controller.print_failed.connect(self._print_failed)
        controller.kept.connect(self._show_not_recorded)
        controller.failed.connect(self._show_not_recorded)
        self.pin_dialog: PinDialog | None = None
        self._shown: PanelText | None = None
        self._printing = False

    def start(self) -> None:
        self.controller.kiosk_open = True
        self.scanner.attach()
        # Without a window manager (a bare kiosk session) full screen is only a wish: ask for
        # the screen's size as well.
        screen = self.screen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()

    def choose_language(self, code: str) -> None:
        """What the visitor reads from now until their verdict has been shown."""
        self.language = "" if code == current_language() else code
        for other, button in self.language_buttons.items():
            button.setChecked(other == code)
        if self._shown is None:
            self.panel.show_text(waiting_text(self.language))

    def show_waiting(self) -> None:
        self.note.clear()
        self._shown = None
        self.choose_language(current_language())
        self.panel.show_text(waiting_text())

    def _scanned(self, text: str) -> None:
        self.controller.scan(text)

    def _show_verdict(self, verdict: Verdict) -> None:
        printing = bool(verdict.scan_id) and self.controller.printing_for == verdict.scan_id
        self._shown = kiosk_text(verdict, self.language, printing=printing)
        self._printing = printing
        self.panel.show_text(self._shown)
        self.back_timer.start(SHOW_VERDICT_MS)

    def _show_not_recorded(self, _message: str) -> None:
        # The staff desk's screen has the sentence for staff; a visitor needs to know where to go.
        self._shown = PanelText(
            "already",
            _say("Please see the staff desk", self.language),
            detail=_say("Your check-in could not be recorded just now.", self.language),
        )
        self.panel.show_text(self._shown)
        self.back_timer.start(SHOW_VERDICT_MS)

    def _print_failed(self, _message: str) -> None:
        # The visitor was just told their badge is printing: tell them where to get it instead.
        if self._shown is not None and self._printing and self._shown.look == look_of(ScanVerdict.ADMITTED):
            collect = _say("Please collect your badge at the staff desk.", self.language)
            self._shown = replace(self._shown, detail=collect)
            self.panel.show_text(self._shown)
        self.note.setText(
            self.tr("The badge printer needs attention; staff have been told on the desk screen.")
        )

    # -- leaving ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.ask_pin()
            return
        super().keyPressEvent(event)

    def ask_pin(self) -> PinDialog:
        if self.pin_dialog is not None:
            return self.pin_dialog
        dialog = PinDialog(self.controller.context.settings, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(self.leave)
        dialog.finished.connect(lambda _result: setattr(self, "pin_dialog", None))
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def leave(self) -> None:
        self._unlocked = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._unlocked:
            event.ignore()
            self.ask_pin()
            return
        self.scanner.detach()
        self.controller.kiosk_open = False
        self.controller.verdict_ready.disconnect(self._show_verdict)
        self.controller.print_failed.disconnect(self._print_failed)
        self.controller.kept.disconnect(self._show_not_recorded)
        self.controller.failed.disconnect(self._show_not_recorded)
        super().closeEvent(event)
        self.closed.emit()
        self.deleteLater()
