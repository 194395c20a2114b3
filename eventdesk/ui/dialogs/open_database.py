"""File > Open database…: an event kept on a PostgreSQL server, shared by several desks."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

URL_PREFIXES = ("postgresql+psycopg://", "postgresql://")


class OpenDatabaseDialog(QDialog):
    def __init__(self, initial_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openDatabaseDialog")
        self.setWindowTitle(self.tr("Open database"))
        self.setMinimumWidth(560)
        self.url_edit = QLineEdit(initial_url)
        self.url_edit.setPlaceholderText("postgresql+psycopg://user:password@host:5432/career_fair")
        explanation = QLabel(
            self.tr(
                "An event on a PostgreSQL server can be open at several desks at once. The password "
                "may be left out of the URL when it is in ~/.pgpass or PGPASSWORD; recent events are "
                "remembered without it."
            )
        )
        explanation.setObjectName("emptyHint")
        explanation.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&URL:"), self.url_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.url_edit.textChanged.connect(self.validate)
        self.validate()

    def url(self) -> str:
        return self.url_edit.text().strip()

    def problem(self) -> str | None:
        url = self.url()
        if not url:
            return self.tr("Type the URL of the database.")
        if not url.startswith(URL_PREFIXES):
            return self.tr("The URL must start with postgresql+psycopg://, for example {example}.").format(
                example="postgresql+psycopg://desk@fair-server/career_fair"
            )
        return None

    def validate(self) -> bool:
        problem = self.problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(problem is None)
        self.error_label.setText(problem if problem and self.url() else "")
        return problem is None

    def accept(self) -> None:
        if self.validate():
            super().accept()
