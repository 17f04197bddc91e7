"""The Deals page's progress view, under its form: how far the shown deal has come and the time left.

For a bargain each helper's cut and what is left to cut (its cuts read for the shown deal only), for a group buy
who has joined and the price tiers; and the buttons that close or reopen the deal. A mixin of
:class:`~app.ui.pages.deals.DealsPage`; its texts keep the page's translation context, ``DealsPage``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import shiboken6
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QPushButton, QVBoxLayout

from app.errors import PintuanError
from app.services.deal_values import cut_progress, join_progress, left_to_cut, price_now, tiers_reached
from app.services.forecast import BargainForecast
from app.ui.cut_curve import CutCurve
from app.ui.format import local_time, money, parse_utc, time_left
from app.ui.pages.deals_models import CutTableModel
from app.ui.parts import ERROR_COLOR, PageMixin, hbox, tab_order, table_view, translate
from app.ui.text_style import heading


class DealProgressMixin(PageMixin):
    """Builds the progress view and shows the current deal in it; the page calls ``_show_progress``."""

    _cuts_task: asyncio.Task[None] | None  # the read of the shown bargain's cuts
    _cuts_of: str | None  # the deal whose cuts the cut list shows
    cut_curve: CutCurve  # the bargain's cut curve and the forecast of helpers still needed

    def _build_progress(self) -> None:
        """The read-only view of how far the deal has come, and its status buttons, above New/Save."""
        self.progress_frame = QFrame()
        self.progress_frame.setObjectName("progress")
        self.progress_heading = heading(translate("DealsPage", "Progress"), 1.0)
        self.time_left_label = QLabel()
        self.time_left_label.setObjectName("timeLeft")
        self.time_left_label.setAccessibleName(translate("DealsPage", "Time left"))
        # The bar draws no text of its own: centred in it, "1/2 joined" sat across the fill's edge, half on each
        # colour. Its words stand beside it instead, in the text colour, whatever the language or width.
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(translate("DealsPage", "Deal progress"))
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(12)
        self.progress_bar.setMinimumWidth(80)
        self.progress_value = QLabel()
        self.progress_value.setObjectName("progressValue")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressText")
        self.progress_label.setWordWrap(True)
        self.left_label = heading(factor=1.0)
        self.left_label.setObjectName("leftText")
        self.tiers_label = QLabel()
        self.tiers_label.setObjectName("tiersText")
        self.tiers_label.setWordWrap(True)
        self.cuts_view = table_view(translate("DealsPage", "Cuts of this bargain"), self.cut_model,
                                    stretch=CutTableModel.COL_WHO)
        self.cuts_view.verticalHeader().setDefaultSectionSize(22)
        self.cuts_view.setMinimumHeight(60)  # and, on a tall window, the height the form leaves (see _show_progress)
        self.cut_curve = CutCurve()
        self.cut_curve.setObjectName("cutCurve")

        self.succeeded_button = QPushButton(translate("DealsPage", "Succeeded"))
        self.succeeded_button.setAccessibleName(translate("DealsPage", "Mark the deal as succeeded"))
        self.failed_button = QPushButton(translate("DealsPage", "Failed"))
        self.failed_button.setAccessibleName(translate("DealsPage", "Mark the deal as failed"))
        self.cancel_button = QPushButton(translate("DealsPage", "Cancel deal"))
        self.cancel_button.setAccessibleName(translate("DealsPage", "Cancel the deal"))
        self.reopen_button = QPushButton(translate("DealsPage", "Reopen"))
        self.reopen_button.setAccessibleName(translate("DealsPage", "Reopen the deal"))
        self.succeeded_button.clicked.connect(lambda: self.on_status_clicked("succeeded"))
        self.failed_button.clicked.connect(lambda: self.on_status_clicked("failed"))
        self.cancel_button.clicked.connect(lambda: self.on_status_clicked("cancelled"))
        self.reopen_button.clicked.connect(lambda: self.on_status_clicked("open"))
        status_row = hbox(self.succeeded_button, self.failed_button, self.cancel_button, self.reopen_button, None)
        top = hbox(self.progress_heading, None, self.time_left_label)
        layout = QVBoxLayout(self.progress_frame)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        self.bar_row = hbox(self.progress_bar, self.progress_value)
        self.bar_row.setStretch(0, 1)
        self.bar_row.setSpacing(8)
        layout.addLayout(self.bar_row)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.cut_curve)
        layout.addWidget(self.cuts_view, 1)
        layout.addWidget(self.left_label)
        layout.addWidget(self.tiers_label)
        layout.addLayout(status_row)
        self.progress_frame.setStyleSheet("QFrame#progress { border-top: 1px solid palette(midlight); }")
        detail_layout = self.detail.layout()
        assert isinstance(detail_layout, QVBoxLayout)
        detail_layout.insertWidget(detail_layout.count() - 2, self.progress_frame)  # above the stretch and buttons
        tab_order([self.delete_button, self.cut_curve.chart, self.cuts_view, self.succeeded_button,
                   self.failed_button, self.cancel_button, self.reopen_button])

    def _show_progress(self, row: dict[str, Any] | None) -> None:
        frame = self.progress_frame
        frame.setVisible(row is not None)
        if row is None:
            self.cut_model.set_rows([])
            return
        kind = row.get("kind")
        status = self.deal_model.status_labels().get(row.get("status", ""), row.get("status", ""))
        self.progress_heading.setText(translate("DealsPage", "Progress · {status}").format(status=status))
        self._show_time_left(row)
        bargain = kind == "bargain"
        self.cuts_view.setVisible(bargain)
        self.cut_curve.setVisible(bargain)
        # A bargain's cuts take the pane's spare height (a tall window lists more of them); else the form's end
        # stretches, and the progress stays together under the form.
        detail_layout = frame.parentWidget().layout()
        assert isinstance(detail_layout, QVBoxLayout)
        frame_at = detail_layout.indexOf(frame)
        detail_layout.setStretch(frame_at, 1 if bargain else 0)
        detail_layout.setStretch(frame_at + 1, 0 if bargain else 1)
        self.left_label.setVisible(bargain)
        self.tiers_label.setVisible(not bargain)
        if bargain:
            self._show_bargain(row)
        else:
            self._show_joined(row)
        self.progress_label.setVisible(bool(self.progress_label.text()))

    def _show_bargain(self, row: dict[str, Any]) -> None:
        cuts = row.get("cuts")
        if cuts is None:  # the list's record: counts only; the cuts themselves are read for this deal now
            count, helpers = int(row.get("cut_count") or 0), int(row.get("helper_count") or 0)
            if self._cuts_of != row.get("id"):
                self.cut_model.set_rows([], self._contact_names, self._tz, self.now())
                self.cut_curve.set_forecast(None)
            self._load_cuts(row)
        else:
            count, helpers = len(cuts), len({c.get("contact_id") or c["id"] for c in cuts})
            self.cut_model.set_rows(cuts, self._contact_names, self._tz, self.now())
        original, target, current = row.get("original_fen"), row.get("target_fen"), row.get("current_fen")
        progress = cut_progress(row, cuts)
        if progress is not None:
            self.progress_bar.setVisible(True)
            self.progress_bar.setRange(0, max(progress.total, 1))
            self.progress_bar.setValue(min(progress.done, max(progress.total, 1)) if progress.total else 1)
            self._show_bar_text(translate("DealsPage", "{cut} of {total} cut").format(
                cut=money(progress.done), total=money(progress.total)))
            left = left_to_cut(row)
            self.left_label.setText(translate("DealsPage", "{left} left to cut").format(left=money(left)) if left
                                    else translate("DealsPage", "Target price reached"))
        else:
            self._hide_bar()
            self.left_label.setText(translate("DealsPage", "Now {price}").format(price=money(price_now(row))))
        self.progress_label.setText(
            translate("DealsPage", "{count} cuts by {helpers} helpers · {original} → now {current} (target {target})"
                      ).format(count=count, helpers=helpers, original=money(original), current=money(current),
                               target=money(target))
            if count else translate("DealsPage", "No cuts yet: ask your groups to help (帮砍一刀).")
        )

    def _load_cuts(self, row: dict[str, Any]) -> None:
        """Read the shown bargain's cuts in the database thread, then list them if it is still the one shown."""
        if self.ctx is None or not row.get("id"):
            return
        if self._cuts_task is not None and not self._cuts_task.done():
            self._cuts_task.cancel()
        self._cuts_task = self.ctx.runner.spawn(self._read_cuts(str(row["id"])), name="deal cuts")

    async def _read_cuts(self, deal_id: str) -> None:
        assert self.ctx is not None
        try:
            cuts = await self.ctx.read(self.ctx.services.queries.deal_cuts, deal_id)
        except PintuanError:  # deleted meanwhile: the refresh that follows the delete shows the rest
            return
        current = self.current_record()
        if not shiboken6.isValid(self) or current is None or current.get("id") != deal_id:
            return
        self._cuts_of = deal_id
        forecast = await self._read_forecast(deal_id)
        current = self.current_record()
        if not shiboken6.isValid(self) or current is None or current.get("id") != deal_id:
            return
        self.cut_curve.set_forecast(forecast)
        # Draw the progress again from the cuts themselves: the list, its counts and a bargain without a current
        # price (its progress is the sum of the cuts) then agree.
        self._show_bargain({**current, "cuts": cuts})

    async def _read_forecast(self, deal_id: str) -> BargainForecast | None:
        """The bargain's cut curve and forecast, read in the database thread (its cuts and the past bargains)."""
        assert self.ctx is not None
        try:
            forecast: BargainForecast = await self.ctx.read(self.ctx.services.forecast.bargain, deal_id)
        except PintuanError:
            return None
        return forecast

    def _show_joined(self, row: dict[str, Any]) -> None:
        self.cut_model.set_rows([])
        self._cuts_of = None
        joined = int(row.get("participants_joined") or 0)
        progress = join_progress(row)
        if progress is not None:
            self.progress_bar.setVisible(True)
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))
            self._show_bar_text(translate("DealsPage", "{joined}/{needed} joined").format(
                joined=progress.done, needed=progress.total))
            self.progress_label.setText(translate("DealsPage", "{count} more needed").format(count=progress.left)
                                        if progress.left else translate("DealsPage", "Enough people have joined"))
        else:
            self._hide_bar()
            self.progress_label.setText(translate("DealsPage", "{joined} joined").format(joined=joined))
        # One wrapped line, not one a tier: the tiers themselves stand in the table above.
        lines = [("✓ " if reached else "") + translate("DealsPage", "{count} people {price}").format(
            count=tier["min_participants"], price=money(tier["price_fen"])) for tier, reached in tiers_reached(row)]
        if lines:
            lines.insert(0, translate("DealsPage", "Price now {price} · tiers:").format(price=money(price_now(row))))
        self.tiers_label.setText(" ".join(lines[:1]) + " " + " · ".join(lines[1:]) if lines else "")
        self.tiers_label.setVisible(bool(lines))

    def _show_bar_text(self, text: str) -> None:
        """The bar's words beside it (the bar's own format kept too: screen readers read it as its value)."""
        self.progress_bar.setFormat(text)
        self.progress_value.setText(text)
        self.progress_value.setVisible(True)

    def _hide_bar(self) -> None:
        self.progress_bar.setVisible(False)
        self.progress_value.setVisible(False)

    def _show_time_left(self, row: dict[str, Any] | None) -> None:
        if row is None or not row.get("deadline"):
            self.time_left_label.setText(translate("DealsPage", "No deadline") if row is not None else "")
            self.time_left_label.setStyleSheet("")
            return
        now = self.now()
        when = local_time(row["deadline"], self._tz, now)
        if row.get("status") == "open":
            self.time_left_label.setText(translate("DealsPage", "Ends {when} · {left}").format(
                when=when, left=time_left(row["deadline"], now)))
            deadline = parse_utc(row["deadline"])
            overdue = deadline is not None and deadline <= now
            self.time_left_label.setStyleSheet(f"color: {ERROR_COLOR};" if overdue else "")
        else:
            self.time_left_label.setText(translate("DealsPage", "Deadline was {when}").format(when=when))
            self.time_left_label.setStyleSheet("")
