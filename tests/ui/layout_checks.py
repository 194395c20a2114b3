"""Looking at a built window as a reader of another language would: untranslated or clipped texts.

A text is *untranslated* when it is exactly an English message the catalogue translates
differently (a label built before the translator was installed, or a string the extractor
missed). A text is *clipped* when it does not fit the widget showing it: a one-line label
whose text is wider than its contents rectangle, a button or check box narrower than its
size hint. Word-wrapped, rich-text and elided-on-purpose widgets are measured as such.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabWidget,
    QWidget,
)

from eventdesk.i18n import translations

SLACK_PX = 2


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def visible_texts(root: QWidget) -> Iterable[tuple[QWidget, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            yield widget, widget.text()
        elif isinstance(widget, QGroupBox) and widget.title():
            yield widget, widget.title()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield widget, widget.tabText(index)


def untranslated(root: QWidget, language: str) -> list[str]:
    """Texts shown in English although the catalogue of `language` has them translated."""
    catalogue = translations(language)
    # A translation may be spelt like another English message ("Warm" is Dutch for "Hot").
    shown_translations = {t for t in getattr(catalogue, "_catalog", {}).values() if isinstance(t, str)}
    found = []
    for widget, text in visible_texts(root):
        translated = catalogue.gettext(text)
        if translated and translated != text and text not in shown_translations:
            found.append(f"{type(widget).__name__} {widget.objectName() or ''}: {text!r}")
    return found


def clipped(root: QWidget) -> list[str]:
    """Widgets whose text does not fit them."""
    found = []
    for widget, text in visible_texts(root):
        if isinstance(widget, QLabel):
            if widget.wordWrap() or widget.textFormat() == Qt.TextFormat.RichText or "<" in text:
                continue
            if widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            metrics = widget.fontMetrics()
            wanted = max(metrics.horizontalAdvance(line) for line in _plain(text).splitlines() or [""])
            have = widget.contentsRect().width() - 2 * widget.margin() - 2 * widget.indent() * 0
            if wanted > have + SLACK_PX:
                found.append(f"QLabel {widget.objectName()!r} {text!r}: {wanted} px text in {have} px")
        elif isinstance(widget, QPushButton):
            # Not the size hint: styles give push buttons a minimum width their text may not need.
            margin = widget.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, widget)
            icon = widget.iconSize().width() + 4 if not widget.icon().isNull() else 0
            wanted = widget.fontMetrics().horizontalAdvance(_plain(text)) + margin + icon
            if wanted > widget.contentsRect().width() + SLACK_PX:
                have = widget.width()
                found.append(
                    f"QPushButton {widget.objectName()!r} {text!r}: needs {wanted} px, has {have} px"
                )
        elif isinstance(widget, QCheckBox | QRadioButton):
            wanted = widget.sizeHint().width()
            if wanted > widget.width() + SLACK_PX:
                found.append(
                    f"{type(widget).__name__} {widget.objectName()!r} {text!r}: "
                    f"needs {wanted} px, has {widget.width()} px"
                )
    return found
