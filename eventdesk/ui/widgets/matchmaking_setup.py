"""The Matchmaking setup panel: slots and breaks, tables, meetings per person, which tags
count, score weights, objective and score mode, wishes and availability.

The panel holds the person's edits as a `MatchmakingSettings` (the core's own record) and
shows at once what they mean: the slots they give, or the core's sentence about what is
wrong with them. Saving goes through `save_settings`, which validates again. Tables per
company are the companies' own (edited here through `edit_company`) unless one number for
every company is chosen.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.matchmaking.model import Break, Objective
from eventdesk.domain.matchmaking.scoring import ScoreMode, Weights
from eventdesk.domain.matchmaking.slots import MAX_SLOTS
from eventdesk.i18n import ngettext
from eventdesk.services.matchmaking.overview import SetupOverview
from eventdesk.services.matchmaking.plan import MatchmakingSettings, normalise_tag
from eventdesk.services.people.lists import CompanyRow
from eventdesk.ui.models.matchmaking_setup import (
    BreakColumn,
    BreakRow,
    BreaksModel,
    CompanyTablesColumn,
    CompanyTablesModel,
    RestrictionColumn,
    RestrictionsModel,
    TagChoiceModel,
    TagColumn,
)


def _small_table(name: str, height: int) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setHighlightSections(False)
    table.setMinimumHeight(height)
    return table


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    # Numbers and times at their natural width, not stretched across a wide window.
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def _qtime(moment: datetime) -> QTime:
    return QTime(moment.hour, moment.minute)


def _at(day: datetime, clock: QTime) -> datetime:
    return day.replace(hour=clock.hour(), minute=clock.minute(), second=0, microsecond=0)


class MatchmakingSetupPanel(QWidget):
    edited = Signal()
    """The person changed something that `save_settings` would store."""
    tables_edited = Signal(int, int)
    """(company id, tables): saved at once through the Companies service."""
    import_wishes_requested = Signal()
    import_availability_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matchmakingSetupPanel")
        self.scroll = QScrollArea()
        self.scroll.setObjectName("matchmakingSetup")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._settings: MatchmakingSettings | None = None
        self._overview: SetupOverview | None = None
        self._loading = False
        self._dirty = False

        self.breaks_model = BreaksModel(self)
        self.tags_model = TagChoiceModel(self)
        self.company_tables_model = CompanyTablesModel(self)
        self.restrictions_model = RestrictionsModel(self)

        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        grid.addWidget(self._slots_box(), 0, 0)
        grid.addWidget(self._meetings_box(), 1, 0)
        grid.addWidget(self._weights_box(), 2, 0)
        grid.addWidget(self._tables_box(), 0, 1, 2, 1)
        grid.addWidget(self._wishes_box(), 2, 1, 2, 1)
        grid.addWidget(self._tags_box(), 3, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)

        save_row = QHBoxLayout()
        self.problem_label = QLabel()
        self.problem_label.setObjectName("inlineError")
        self.problem_label.setWordWrap(True)
        self.dirty_label = QLabel(self.tr("Unsaved changes — they are saved when you generate."))
        self.dirty_label.setObjectName("countLabel")
        self.dirty_label.hide()
        self.save_button = QPushButton(self.tr("Save setup"))
        self.save_button.setObjectName("saveSetup")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_requested)
        save_row.addWidget(self.problem_label, 1)
        save_row.addWidget(self.dirty_label)
        save_row.addWidget(self.save_button)
        self.scroll.setWidget(content)
        # The save row stays in sight below the scrolling form: unsaved edits are never hidden.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll, 1)
        outer.addLayout(save_row)

        self.breaks_model.edited.connect(self._changed)
        self.tags_model.edited.connect(self._changed)
        self.company_tables_model.tables_edited.connect(self.tables_edited)
        self.company_tables_model.tables_edited.connect(lambda *_: self._preview())

    # -- building ---------------------------------------------------------------------------

    def _spin(self, name: str, low: int, high: int, suffix: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        if suffix:
            spin.setSuffix(suffix)
        spin.valueChanged.connect(self._changed)
        spin.setMinimumWidth(90)
        return spin

    def _slots_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Slots"))
        form = _form(box)
        self.start_edit = QTimeEdit()
        self.start_edit.setObjectName("firstStart")
        self.start_edit.setDisplayFormat("HH:mm")
        self.start_edit.setMinimumWidth(90)
        self.start_edit.timeChanged.connect(self._changed)
        self.minutes_spin = self._spin("meetingMinutes", 1, 240, self.tr(" min"))
        self.gap_spin = self._spin("gapMinutes", 0, 120, self.tr(" min"))
        self.slots_spin = self._spin("slotCount", 1, MAX_SLOTS)
        form.addRow(self.tr("First meeting starts"), self.start_edit)
        form.addRow(self.tr("Each meeting lasts"), self.minutes_spin)
        form.addRow(self.tr("Gap between meetings"), self.gap_spin)
        form.addRow(self.tr("Number of slots"), self.slots_spin)

        self.breaks_table = _small_table("breaksTable", 90)
        self.breaks_table.setMaximumHeight(120)
        self.breaks_table.setMinimumWidth(320)
        self.breaks_table.setModel(self.breaks_model)
        self.breaks_table.setColumnWidth(BreakColumn.LABEL, 150)
        self.breaks_table.setColumnWidth(BreakColumn.START, 80)
        self.breaks_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.breaks_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        add = QPushButton(self.tr("Add break"))
        add.setObjectName("addBreak")
        add.clicked.connect(self.add_break)
        remove = QPushButton(self.tr("Remove"))
        remove.setObjectName("removeBreak")
        remove.clicked.connect(self._remove_break)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        form.addRow(self.tr("Breaks and lunch"), self.breaks_table)
        form.addRow("", buttons)
        self.slots_preview = QLabel()
        self.slots_preview.setObjectName("slotsPreview")
        self.slots_preview.setWordWrap(True)
        form.addRow(self.slots_preview)
        return box

    def _meetings_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Meetings"))
        form = _form(box)
        self.max_spin = self._spin("maxMeetings", 1, MAX_SLOTS)
        form.addRow(self.tr("Meetings per attendee at most"), self.max_spin)
        self.objective_combo = QComboBox()
        self.objective_combo.setObjectName("objective")
        self.objective_combo.addItem(
            self.tr("Fair: first a meeting for everyone, then a second, …"), Objective.FAIR.value
        )
        self.objective_combo.addItem(self.tr("Total: the highest sum of match scores"), Objective.TOTAL.value)
        self.objective_combo.currentIndexChanged.connect(self._changed)
        form.addRow(self.tr("Objective"), self.objective_combo)
        self.score_combo = QComboBox()
        self.score_combo.setObjectName("scoreMode")
        self.score_combo.addItem(
            self.tr("Combined: shared tags, wishes and imported scores"), ScoreMode.COMBINED.value
        )
        self.score_combo.addItem(self.tr("Shared tags only"), ScoreMode.TAGS.value)
        self.score_combo.addItem(self.tr("Imported scores only"), ScoreMode.IMPORTED.value)
        self.score_combo.currentIndexChanged.connect(self._changed)
        form.addRow(self.tr("Match score"), self.score_combo)
        self.candidates_spin = self._spin("candidates", 1, 500)
        self.candidates_spin.setToolTip(
            self.tr(
                "Only each person's best-scoring companies are considered; more is slower, rarely better."
            )
        )
        form.addRow(self.tr("Companies considered per person"), self.candidates_spin)
        return box

    def _weights_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Score weights"))
        form = _form(box)
        self.weight_spins: dict[str, QDoubleSpinBox] = {}
        for key, label in (
            ("shared_tag", self.tr("Each shared interest")),
            ("attendee_wish", self.tr("Attendee's wish (first choice)")),
            ("company_shortlist", self.tr("Company's shortlist")),
            ("imported", self.tr("Imported score")),
        ):
            spin = QDoubleSpinBox()
            spin.setObjectName(f"weight_{key}")
            spin.setRange(0.0, 100.0)
            spin.setDecimals(2)
            spin.setSingleStep(0.5)
            spin.setMinimumWidth(90)
            spin.valueChanged.connect(self._changed)
            self.weight_spins[key] = spin
            form.addRow(label, spin)
        return box

    def _tables_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Tables per company"))
        column = QVBoxLayout(box)
        self.own_tables_radio = QRadioButton(self.tr("Each company's own number (double-click to change it)"))
        self.own_tables_radio.setObjectName("ownTables")
        self.same_tables_radio = QRadioButton(self.tr("The same number for every company:"))
        self.same_tables_radio.setObjectName("sameTables")
        self.same_tables_spin = self._spin("tablesOverride", 1, 100)
        self.own_tables_radio.toggled.connect(self._changed)
        self.own_tables_radio.toggled.connect(self._update_tables_enabled)
        same = QHBoxLayout()
        same.addWidget(self.same_tables_radio)
        same.addWidget(self.same_tables_spin)
        same.addStretch()
        self.company_tables = _small_table("companyTables", 220)
        self.company_tables.setModel(self.company_tables_model)
        header = self.company_tables.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CompanyTablesColumn.COMPANY, QHeaderView.ResizeMode.Stretch)
        self.company_tables.setColumnWidth(CompanyTablesColumn.BOOTH, 70)
        self.company_tables.setColumnWidth(CompanyTablesColumn.TABLES, 70)
        self.company_tables.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.capacity_label = QLabel()
        self.capacity_label.setObjectName("capacityLabel")
        self.capacity_label.setWordWrap(True)
        column.addWidget(self.own_tables_radio)
        column.addWidget(self.company_tables, 1)
        column.addLayout(same)
        column.addWidget(self.capacity_label)
        # Visitors nothing matches (no interests, no wishes) are not scheduled; said here, as
        # the import report says it, so nobody wonders on the day why they have no meetings.
        self.left_out_label = QLabel()
        self.left_out_label.setObjectName("leftOutLabel")
        self.left_out_label.setWordWrap(True)
        self.left_out_label.hide()
        column.addWidget(self.left_out_label)
        return box

    def _tags_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Which tags count"))
        column = QVBoxLayout(box)
        hint = QLabel(
            self.tr("A pair scores for each ticked interest the attendee shares with what the company hires.")
        )
        hint.setWordWrap(True)
        hint.setObjectName("countLabel")
        self.tags_table = _small_table("tagsTable", 180)
        self.tags_table.setModel(self.tags_model)
        tags_header = self.tags_table.horizontalHeader()
        tags_header.setStretchLastSection(False)
        tags_header.setSectionResizeMode(TagColumn.TAG, QHeaderView.ResizeMode.Stretch)
        self.tags_table.setColumnWidth(TagColumn.USE, 130)
        buttons = QHBoxLayout()
        for text, value in ((self.tr("Tick all"), True), (self.tr("Untick all"), False)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, v=value: self.tags_model.set_all(v))
            buttons.addWidget(button)
        buttons.addStretch()
        column.addWidget(hint)
        column.addWidget(self.tags_table, 1)
        column.addLayout(buttons)
        return box

    def _wishes_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Wishes and availability"))
        column = QVBoxLayout(box)
        self.wishes_label = QLabel()
        self.wishes_label.setObjectName("wishesLabel")
        self.wishes_label.setWordWrap(True)
        wishes_button = QPushButton(self.tr("Import wishes…"))
        wishes_button.setObjectName("importWishes")
        wishes_button.setToolTip(
            self.tr(
                "A CSV or Excel file with the columns attendee (e-mail or id), company (name or id) and "
                "score and/or rank; optional side (attendee|company), must and never."
            )
        )
        wishes_button.clicked.connect(self.import_wishes_requested)
        self.restrictions_label = QLabel()
        self.restrictions_label.setObjectName("restrictionsLabel")
        self.restrictions_label.setWordWrap(True)
        self.restrictions_table = _small_table("restrictionsTable", 140)
        self.restrictions_table.setModel(self.restrictions_model)
        self.restrictions_table.setColumnWidth(RestrictionColumn.WHO, 200)
        self.restrictions_table.setColumnWidth(RestrictionColumn.KIND, 80)
        self.restrictions_table.setColumnWidth(RestrictionColumn.AVAILABLE, 150)
        self.restrictions_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        availability_button = QPushButton(self.tr("Import availability…"))
        availability_button.setObjectName("importAvailability")
        availability_button.setToolTip(
            self.tr(
                "A CSV or Excel file with attendee (e-mail or id) or company (name or id), from and to "
                "(HH:MM on the day); it replaces the windows of everyone it names."
            )
        )
        availability_button.clicked.connect(self.import_availability_requested)
        row = QHBoxLayout()
        row.addWidget(self.wishes_label, 1)
        row.addWidget(wishes_button)
        column.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.restrictions_label, 1)
        row.addWidget(availability_button)
        column.addLayout(row)
        column.addWidget(self.restrictions_table, 1)
        column.addStretch(0)
        return box

    # -- state ------------------------------------------------------------------------------

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def load(
        self, settings: MatchmakingSettings, overview: SetupOverview, companies: list[CompanyRow]
    ) -> None:
        """Show the stored setup and the event's facts; forgets unsaved edits."""
        self._loading = True
        try:
            self._settings = settings
            self.start_edit.setTime(_qtime(settings.first_start))
            self.minutes_spin.setValue(settings.meeting_minutes)
            self.gap_spin.setValue(settings.gap_minutes)
            self.slots_spin.setValue(settings.slot_count)
            self.breaks_model.set_rows(
                BreakRow(b.label, _qtime(b.start), _qtime(b.end)) for b in settings.breaks
            )
            self.max_spin.setValue(settings.max_meetings)
            self.objective_combo.setCurrentIndex(
                max(0, self.objective_combo.findData(settings.objective.value))
            )
            self.score_combo.setCurrentIndex(max(0, self.score_combo.findData(settings.score_mode.value)))
            self.candidates_spin.setValue(settings.candidates_per_attendee)
            for key, value in settings.weights.as_dict().items():
                self.weight_spins[key].setValue(value)
            override = settings.tables_override
            self.own_tables_radio.setChecked(override is None)
            self.same_tables_radio.setChecked(override is not None)
            self.same_tables_spin.setValue(override or 1)
            self.company_tables_model.set_rows(companies)
            rule = settings.tag_rule()
            self.tags_model.set_tags(overview.tags, [t.key for t in overview.tags if rule.counts(t.key)])
            self.restrictions_model.set_rows(overview.restrictions)
            self._show_overview(overview)
        finally:
            self._loading = False
        self._set_dirty(False)
        self._update_tables_enabled()
        self._preview()

    def mark_saved(self) -> None:
        """The edits were saved (or a generation stored them): nothing is pending now."""
        if self._settings is not None:
            self._settings = self.settings()
        self._set_dirty(False)

    def set_companies(self, companies: list[CompanyRow]) -> None:
        self.company_tables_model.set_rows(companies)

    def _show_overview(self, overview: SetupOverview) -> None:
        left_out = overview.left_out
        self.left_out_label.setText(
            ngettext(
                "{n} registered visitor is left out: no interests and no wishes to match them on. "
                "Import their interests (or wishes) to schedule them.",
                "{n} registered visitors are left out: no interests and no wishes to match them on. "
                "Import their interests (or wishes) to schedule them.",
                left_out,
            )
            if left_out
            else ""
        )
        self.left_out_label.setVisible(bool(left_out))
        wishes = overview.wishes
        if wishes.total:
            self.wishes_label.setText(
                self.tr("{wishes} and {shortlists} for {people} ({must} must meet, {never} never).").format(
                    wishes=ngettext("{n} wish", "{n} wishes", wishes.attendee_wishes),
                    shortlists=ngettext(
                        "{n} shortlist entry", "{n} shortlist entries", wishes.company_shortlists
                    ),
                    people=ngettext("{n} person", "{n} people", wishes.people_with_wishes),
                    must=wishes.must,
                    never=wishes.never,
                )
            )
        else:
            self.wishes_label.setText(self.tr("No wishes imported: pairs are scored on shared interests."))
        people = sum(1 for r in overview.restrictions if r.kind == "attendee")
        firms = len(overview.restrictions) - people
        if overview.restrictions:
            who = [
                ngettext("{n} person", "{n} people", people),
                ngettext("{n} company", "{n} companies", firms),
            ]
            shown = " " + self.tr("and") + " "
            self.restrictions_label.setText(
                self.tr("{who} can meet only part of the day:").format(
                    who=shown.join(w for w, n in zip(who, (people, firms), strict=True) if n)
                )
            )
        else:
            self.restrictions_label.setText(self.tr("Everyone is available all day."))
        self.restrictions_table.setVisible(bool(overview.restrictions))
        self._overview = overview

    def _update_tables_enabled(self) -> None:
        own = self.own_tables_radio.isChecked()
        self.company_tables.setEnabled(own)
        self.same_tables_spin.setEnabled(not own)

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self._preview()
        self.edited.emit()

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.dirty_label.setVisible(dirty)
        self.save_button.setEnabled(dirty)

    def settings(self) -> MatchmakingSettings:
        """The setup as edited (not yet validated: `save_settings` and `slots()` say what is wrong)."""
        assert self._settings is not None, "load() first"
        base = self._settings
        day = base.first_start
        ignored = tuple(self.tags_model.ignored())
        kept_only = tuple(t for t in base.tags_only if normalise_tag(t) not in ignored)
        return replace(
            base,
            first_start=_at(day, self.start_edit.time()),
            meeting_minutes=self.minutes_spin.value(),
            gap_minutes=self.gap_spin.value(),
            slot_count=self.slots_spin.value(),
            breaks=tuple(
                Break(_at(day, row.start), _at(day, row.end), row.label) for row in self.breaks_model.rows()
            ),
            max_meetings=self.max_spin.value(),
            tables_override=None if self.own_tables_radio.isChecked() else self.same_tables_spin.value(),
            tags_only=kept_only,
            tags_ignored=ignored,
            weights=Weights(**{key: spin.value() for key, spin in self.weight_spins.items()}),
            objective=Objective(self.objective_combo.currentData()),
            score_mode=ScoreMode(self.score_combo.currentData()),
            candidates_per_attendee=self.candidates_spin.value(),
        )

    def _preview(self) -> None:
        if self._settings is None:
            return
        try:
            settings = self.settings().validated()
            slots = settings.slots()
        except ValidationError as error:
            self.problem_label.setText(str(error))
            self.slots_preview.setText("")
            return
        self.problem_label.setText("")
        self._show_capacity(settings, len(slots))
        text = ngettext(
            "{n} slot from {first} to {last}.",
            "{n} slots from {first} to {last}.",
            len(slots),
            first=f"{slots[0].start:%H:%M}",
            last=f"{slots[-1].end:%H:%M}",
        )
        if settings.breaks:
            text += " " + self.tr("Skipping {breaks}.").format(
                breaks=", ".join(f"{b.label} {b.start:%H:%M}–{b.end:%H:%M}" for b in settings.breaks)
            )
        self.slots_preview.setText(text)

    def _show_capacity(self, settings: MatchmakingSettings, slots: int) -> None:
        """The capacity line from the setup as edited, not as saved: it must agree with the
        fields above it after every change (slots, tables, meetings per person)."""
        overview = self._overview
        if overview is None:
            return
        if settings.tables_override is None:
            tables = [row.meeting_tables for row in self.company_tables_model.rows()]
            companies = sum(1 for t in tables if t > 0)
            per_slot = sum(t for t in tables if t > 0)
        else:
            companies = len(self.company_tables_model.rows())
            per_slot = companies * settings.tables_override
        wanted = overview.participants * settings.max_meetings
        self.capacity_label.setText(
            self.tr(
                "{participants} want up to {wanted} ({each} each); {companies} with {tables} per slot "
                "hold {table_slots} at most in {slots}."
            ).format(
                participants=ngettext("{n} participant", "{n} participants", overview.participants),
                wanted=ngettext("{n} meeting", "{n} meetings", wanted),
                each=settings.max_meetings,
                companies=ngettext("{n} company", "{n} companies", companies),
                tables=ngettext("{n} table", "{n} tables", per_slot),
                table_slots=ngettext("{n} meeting", "{n} meetings", per_slot * slots),
                slots=ngettext("{n} slot", "{n} slots", slots),
            )
        )

    def add_break(self) -> None:
        start = QTime(12, 0)
        rows = self.breaks_model.rows()
        if rows:
            start = rows[-1].end.addSecs(2 * 3600)
        row = self.breaks_model.add_break(
            self.tr("Lunch") if not rows else self.tr("Break"), start, start.addSecs(45 * 60)
        )
        self.breaks_table.setCurrentIndex(self.breaks_model.index(row, BreakColumn.LABEL))

    def _remove_break(self) -> None:
        index: QModelIndex = self.breaks_table.currentIndex()
        if index.isValid():
            self.breaks_model.remove_break(index.row())

    def uses_own_tables(self) -> bool:
        return self.own_tables_radio.isChecked()

    def set_checked_tag(self, key: str, counted: bool) -> None:
        for row, tag in enumerate(self.tags_model.rows()):
            if tag.key == key:
                state = Qt.CheckState.Checked if counted else Qt.CheckState.Unchecked
                self.tags_model.setData(
                    self.tags_model.index(row, TagColumn.TAG), state, Qt.ItemDataRole.CheckStateRole
                )
