"""Which company an exhibitor kit is for, and where to write it.

The file is chosen here rather than in a second dialog after the company, so a person
sees both before anything is written; a file that already exists is replaced only when
it was chosen through "Choose…" (whose own dialog asked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.services.leads.kit_contents import KitCounts
from eventdesk.services.people.lists import CompanyRow
from eventdesk.ui.file_filters import exhibitor_kits

_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def kit_file_name(company_name: str) -> str:
    return f"{_UNSAFE.sub(' ', company_name).strip() or 'Company'} kit.eventdesk"


class MakeKitDialog(QDialog):
    def __init__(
        self,
        companies: Sequence[CompanyRow],
        *,
        folder: Path,
        chosen_company: int | None,
        counts: Callable[[int], KitCounts],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("makeKitDialog")
        self.setWindowTitle(self.tr("Make an exhibitor kit"))
        self.setMinimumWidth(560)
        self._folder = folder
        self._confirmed: Path | None = None
        self._suggested = ""

        intro = QLabel(
            self.tr(
                "A kit is a small event file for one company's booth laptop: it scans badges offline "
                "and collects the company's leads. It cannot make badges. It will hold:"
            )
        )
        intro.setWordWrap(True)
        self._counts = counts
        self.contents = QLabel()
        self.contents.setObjectName("kitContents")
        self.contents.setWordWrap(True)
        self.company = QComboBox()
        self.company.setObjectName("kitCompany")
        for row in companies:
            label = (
                f"{row.name} — {self.tr('booth {booth}').format(booth=row.booth)}" if row.booth else row.name
            )
            self.company.addItem(label, row.id)
            if row.id == chosen_company:
                self.company.setCurrentIndex(self.company.count() - 1)
        self._names = {row.id: row.name for row in companies}
        self.path = QLineEdit()
        self.path.setObjectName("kitPath")
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Company:"), self.company)
        path_label = QLabel(self.tr("&Kit file:"))
        path_label.setBuddy(self.path)  # a row of two widgets: QFormLayout cannot make the buddy
        form.addRow(path_label, path_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = buttons.addButton(self.tr("Make kit"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.contents)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.company.currentIndexChanged.connect(self._suggest_path)
        self.company.currentIndexChanged.connect(self._show_contents)
        self._suggest_path()
        self._show_contents()

    def company_id(self) -> int | None:
        value = self.company.currentData()
        return int(value) if value is not None else None

    def target(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix == ".eventdesk" else path.with_name(path.name + ".eventdesk")

    def overwrite(self) -> bool:
        """Replace an existing file only if the person chose it in the file dialog (which asked)."""
        return self._confirmed is not None and self._confirmed == self.target()

    def _show_contents(self) -> None:
        """What the kit for the chosen company will hold, counted as `make_kit` counts it."""
        company_id = self.company_id()
        lines = self._counts(company_id).lines() if company_id is not None else []
        self.contents.setText("\n".join(f"• {line}" for line in lines))

    def _suggest_path(self) -> None:
        company_id = self.company_id()
        # Follow the company while the person has not typed a name of their own.
        if company_id is None or self.path.text() not in ("", self._suggested):
            return
        self._suggested = str(self._folder / kit_file_name(self._names[company_id]))
        self.path.setText(self._suggested)

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the kit as"), self.path.text() or str(self._folder), exhibitor_kits()
        )
        if chosen:
            path = Path(chosen)
            if path.suffix != ".eventdesk":
                path = path.with_name(path.name + ".eventdesk")
            self._confirmed = path
            self.path.setText(str(path))

    def _accept(self) -> None:
        target = self.target()
        if self.company_id() is None:
            self.show_problem(self.tr("Choose the company the kit is for."))
        elif not self.path.text().strip():
            self.show_problem(self.tr("Say where to write the kit."))
        elif not target.parent.is_dir():
            self.show_problem(self.tr("The folder {folder} does not exist.").format(folder=target.parent))
        elif target.exists() and not self.overwrite():
            self.show_problem(
                self.tr(
                    "{name} already exists: choose another name, or pick it with Choose… to replace it."
                ).format(name=target.name)
            )
        else:
            self.accept()

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
