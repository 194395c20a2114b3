"""What the window shows with no event open: the ways to get one, and the recent ones."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from eventdesk import __version__
from eventdesk.settings import Settings
from eventdesk.ui.models.recent import RecentEventsModel, RecentRole
from eventdesk.ui.theme import app_icon, icon


class RecentEventDelegate(QStyledItemDelegate):
    """Two lines per event: its name, and below it, smaller and grey, where it is kept."""

    ICON = 28
    PADDING = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = option.fontMetrics.height() * 2 + 4 + 2 * self.PADDING
        return QSize(option.rect.width(), max(height, self.ICON + 2 * self.PADDING))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.initStyleOption(option, index)
        # Read the model's text: the style option has turned its newline into U+2028.
        title, _, where = str(index.data(Qt.ItemDataRole.DisplayRole) or "").partition("\n")
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            # The style draws hover and selection; it may leave a clip behind, hence save/restore.
            painter.save()
            background = QStyleOptionViewItem(option)
            background.text = ""
            background.icon = type(option.icon)()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
            painter.restore()
        painter.save()
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        icon_rect = QRect(rect.left(), rect.top() + (rect.height() - self.ICON) // 2, self.ICON, self.ICON)
        option.icon.paint(painter, icon_rect)
        text_left = icon_rect.right() + 12
        line = option.fontMetrics.height()
        available = max(0, rect.right() - text_left)
        available_colour = option.palette.color(option.palette.ColorRole.Text)
        missing_colour = index.data(Qt.ItemDataRole.ForegroundRole)
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(missing_colour or available_colour)
        painter.drawText(
            QRect(text_left, rect.top(), available, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, available),
        )
        painter.setFont(option.font)
        painter.setPen(missing_colour or QColor("#5b6b75"))
        painter.drawText(
            QRect(text_left, rect.top() + line + 4, available, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            option.fontMetrics.elidedText(where, Qt.TextElideMode.ElideMiddle, available),
        )
        painter.restore()


class WelcomeView(QWidget):
    """New, open, open a database, try the demo; recent events with missing files greyed."""

    new_requested = Signal()
    open_requested = Signal()
    open_database_requested = Signal()
    demo_requested = Signal()
    guide_requested = Signal()
    """The person asked for the user guide."""
    recent_chosen = Signal(str, bool)
    """A recent event was double-clicked: its location, and whether it can still be found."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.recent_model = RecentEventsModel(settings, self)

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(56, 56)))
        title = QLabel("eventdesk")
        title.setObjectName("welcomeTitle")
        tagline = QLabel(
            self.tr(
                "Run a career fair offline: attendees, signed QR badges, check-in desks, "
                "1:1 matchmaking and exhibitor leads."
            )
        )
        tagline.setObjectName("welcomeTagline")
        tagline.setWordWrap(True)

        self.new_button = self._action_button("new-event", self.tr("New event…"), self.new_requested)
        self.open_button = self._action_button("open-event", self.tr("Open event…"), self.open_requested)
        self.database_button = self._action_button(
            "database", self.tr("Open database…"), self.open_database_requested
        )
        self.demo_button = self._action_button(
            "demo-event", self.tr("Open a demo event"), self.demo_requested
        )
        self.guide_button = self._action_button("help", self.tr("User guide (F1)"), self.guide_requested)
        self.guide_button.setToolTip(self.tr("How the desk, the organiser and an exhibitor use eventdesk"))
        self.demo_button.setToolTip(
            self.tr("Generates a realistic life-science career fair with 400 attendees and 40 companies.")
        )

        left = QVBoxLayout()
        left.setSpacing(10)
        brand = QHBoxLayout()
        brand.addWidget(logo)
        brand.addWidget(title, 1)
        left.addLayout(brand)
        left.addWidget(tagline)
        left.addSpacing(14)
        for button in (self.new_button, self.open_button, self.database_button, self.demo_button):
            left.addWidget(button)
        left.addSpacing(8)
        left.addWidget(self.guide_button)
        left.addStretch(1)
        version = QLabel(self.tr("Version {version}").format(version=__version__))
        version.setObjectName("emptyHint")
        left.addWidget(version)

        recent_title = QLabel(self.tr("Recent events"))
        recent_title.setObjectName("sectionTitle")
        self.recent_list = QListView()
        self.recent_list.setObjectName("recentEvents")
        self.recent_list.setModel(self.recent_model)
        self.recent_list.setItemDelegate(RecentEventDelegate(self.recent_list))
        self.recent_list.setUniformItemSizes(True)
        self.recent_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent_list.customContextMenuRequested.connect(self._context_menu)
        self.recent_list.doubleClicked.connect(self._choose)
        self.recent_list.activated.connect(self._choose)
        self.recent_list.selectionModel().currentChanged.connect(self._update_buttons)
        self.no_recent = QLabel(self.tr("Events you open or create will be listed here."))
        self.no_recent.setObjectName("emptyHint")
        self.no_recent.setWordWrap(True)

        remove = QAction(self.tr("Remove from list"), self.recent_list)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.recent_list.addAction(remove)
        self.remove_button = QPushButton(self.tr("Remove from list"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_missing_button = QPushButton(self.tr("Remove missing"))
        self.remove_missing_button.setToolTip(self.tr("Forget every event whose file cannot be found"))
        self.remove_missing_button.clicked.connect(self.remove_missing)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_missing_button)
        buttons.addWidget(self.remove_button)

        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(recent_title)
        right.addWidget(self.recent_list, 1)
        right.addWidget(self.no_recent)
        right.addLayout(buttons)

        card = QFrame()
        card.setObjectName("welcomeCard")
        columns = QHBoxLayout(card)
        columns.setContentsMargins(32, 28, 32, 28)
        columns.setSpacing(36)
        columns.addLayout(left, 4)
        columns.addLayout(right, 5)
        card.setMaximumSize(1000, 560)
        card.setMinimumHeight(440)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card, 20)
        centre.addStretch(1)
        outer.addLayout(centre, 20)
        outer.addStretch(1)

        self.recent_model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _action_button(self, icon_name: str, text: str, signal: Signal) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setObjectName("welcomeAction")
        button.setIconSize(QSize(22, 22))
        button.clicked.connect(signal)
        return button

    def reload(self) -> None:
        self.recent_model.reload()

    def remove_selected(self) -> None:
        index = self.recent_list.currentIndex()
        if index.isValid():
            self.recent_model.remove(index.data(RecentRole.LOCATION))

    def remove_missing(self) -> None:
        for location in self.recent_model.missing_locations():
            self.recent_model.remove(location)

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.recent_chosen.emit(index.data(RecentRole.LOCATION), bool(index.data(RecentRole.AVAILABLE)))

    def _context_menu(self, position: QPoint) -> None:
        index = self.recent_list.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._choose(index))
        menu.addAction(
            self.tr("Remove from list"), lambda: self.recent_model.remove(index.data(RecentRole.LOCATION))
        )
        menu.popup(self.recent_list.viewport().mapToGlobal(position))

    def _update_buttons(self, *_: object) -> None:
        has_recent = self.recent_model.rowCount() > 0
        self.recent_list.setVisible(has_recent)
        self.no_recent.setVisible(not has_recent)
        self.remove_button.setEnabled(self.recent_list.currentIndex().isValid())
        self.remove_button.setVisible(has_recent)
        self.remove_missing_button.setVisible(bool(self.recent_model.missing_locations()))
