"""The checks the every-language test relies on do find what they are for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from eventdesk.ui.translator import switch_language
from tests.ui.layout_checks import clipped, untranslated


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    switch_language("fr", qapp)
    yield
    switch_language("en", qapp)


def _shown(qtbot: QtBot, *children: QWidget) -> QWidget:
    root = QWidget()
    layout = QVBoxLayout(root)
    for child in children:
        layout.addWidget(child)
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    return root


def test_a_label_too_narrow_for_its_text_is_clipped(qtbot: QtBot) -> None:
    label = QLabel("Personnes sélectionnées dans la liste des participants")
    label.setFixedWidth(60)
    fits = QLabel("Oui")
    wrapped = QLabel("Un texte long qui passe à la ligne autant qu'il le faut pour tenir")
    wrapped.setWordWrap(True)
    wrapped.setFixedWidth(80)
    narrow = QCheckBox("Accepte de partager ses coordonnées avec les exposants")
    narrow.setFixedWidth(90)
    root = _shown(qtbot, label, fits, wrapped, narrow, QPushButton("1"))
    found = clipped(root)
    assert len(found) == 2, found
    assert "Personnes sélectionnées" in found[0] and "Accepte de partager" in found[1]


def test_english_left_in_a_french_window_is_found(french: None, qtbot: QtBot) -> None:
    root = _shown(qtbot, QLabel("Welcome."), QPushButton("Bienvenue."), QLabel("eventdesk"), QLabel("Desk 7"))
    assert untranslated(root, "fr") == ["QLabel : 'Welcome.'"]
