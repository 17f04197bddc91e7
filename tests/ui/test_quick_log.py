"""The quick-log dialog and its toast, driven by keyboard through a real runner on the qasync loop."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow

from app.services import Services
from app.ui.context import PageContext
from app.ui.quick_log import KIND_KEY, QuickLogDialog
from app.ui.tasks import DbRunner
from app.ui.toast import Toast


@pytest.fixture
def ctx(services: Services, runner: DbRunner) -> PageContext:
    return PageContext(services, runner)


@pytest.fixture
def community(services: Services) -> Services:
    """A brand-new user who has logged one group and one contact (two steps of the first-steps chain)."""
    services.groups.create(name="宝妈拼团群", platform="wechat", vertical="mother_baby")
    services.contacts.create(nickname="Xiaomei")
    return services


@pytest.fixture
def window(qtbot) -> QMainWindow:
    """The dialog's parent, as in the app: hiding the only window would quit the application and its loop."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def make_dialog(qtbot, ctx: PageContext, settings: QSettings, window: QMainWindow,
                choices: bool = False) -> QuickLogDialog:
    dialog = QuickLogDialog(ctx, settings, window)
    if choices:
        # Only where no key is typed: a completion popup warns on the offscreen platform (no raise, no grab).
        dialog.set_choices(["Xiaomei", "阿强"], ["宝妈拼团群"])
    dialog.show()
    dialog.windowHandle().requestActivate()  # for its shortcuts (Alt+1…3); outside async code only
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def checked(run_qasync, dialog: QuickLogDialog) -> QuickLogDialog:
    """The dialog once the services have checked what it says (they do as the user types, on the event loop)."""
    run_qasync(dialog.draft.settled())
    return dialog


def test_typing_a_help_and_pressing_enter_saves_it(qtbot, run_qasync, ctx, community, settings, window) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window)
    saved = []
    dialog.saved.connect(saved.append)
    assert dialog.contact_edit.hasFocus() or dialog.focusWidget() is dialog.contact_edit
    assert not dialog.save_button.isEnabled()  # no contact yet

    qtbot.keyClicks(dialog.contact_edit, "xiaomei")  # any case: the service finds the contact
    dialog.group_edit.setText("宝妈拼团群")  # QTest types ASCII only
    qtbot.keyClicks(dialog.amount_edit, "12.50")
    qtbot.keyClicks(dialog.note_edit, "air fryer")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("boost_click"))
    assert checked(run_qasync, dialog).save_button.isEnabled()

    async def scenario():
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
        assert dialog.save_task is not None
        return await dialog.save_task

    result = run_qasync(scenario())
    assert result is not None and result.entity_type == "help"
    assert saved == [result]
    assert dialog.result() == QuickLogDialog.DialogCode.Accepted
    helps = community.queries.helps()
    assert len(helps) == 1
    help_ = helps[0]
    assert help_["amount_fen"] == 1250
    assert help_["direction"] == "given" and help_["kind"] == "boost_click" and help_["note"] == "air fryer"
    assert str(help_["contact_id"]) == str(community.queries.contacts()[0]["id"])
    assert str(help_["group_id"]) == str(community.queries.groups()[0]["id"])
    # Ready for the next entry.
    assert [e.text() for e in (dialog.contact_edit, dialog.group_edit, dialog.amount_edit, dialog.note_edit)] == [
        "", "", "", ""
    ]
    # The first help of a brand-new user earns the first-steps chain's badge.
    assert {"type": "achievement.unlocked", "achievement_id": "helping-hand", "tier": 1, "tier_name": "bronze"} \
        .items() <= next(e for e in result.game if e["type"] == "achievement.unlocked").items()


def test_the_toast_shows_the_badge_and_undo_removes_the_help(
    qtbot, run_qasync, ctx, community, settings, window
) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window)
    qtbot.keyClicks(dialog.contact_edit, "Xiaomei")
    qtbot.keyClicks(dialog.amount_edit, "3")
    done = []
    ctx.operation_done.connect(lambda result, _initiator: done.append(result))

    async def scenario():
        result = await dialog.save()
        toast = Toast.show_result(window, ctx, result)
        assert toast.isVisible() and toast.timer.isActive()
        assert toast.message_label.text() == "Help logged"
        lines = toast.texts()
        assert "Badge earned: Helping Hand (Bronze)" in lines
        assert "Quest step done: First Steps — Do your first favour" in lines
        assert "Quest completed: First Steps" in lines
        assert "Level 2 reached!" in lines
        # Bottom-right of the window, inside it.
        geometry = toast.geometry()
        assert window.rect().contains(geometry)
        assert geometry.right() > 1200 and geometry.bottom() > 750
        assert toast.undo_button.accessibleName() == "Undo"
        assert toast.undo_button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert community.queries.helps()
        qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
        undone = await toast.undo_task
        return result, toast, undone

    result, toast, undone = run_qasync(scenario())
    assert undone is not None and undone.entity_id == result.entity_id
    assert community.queries.helps() == []
    assert done == [result, undone]  # every page hears of both writes
    assert toast.closed and (not shiboken6.isValid(toast) or not toast.isVisible())
    assert community.game.points()["level"] == 1  # the game recomputed without the help


def test_a_toast_goes_by_itself_and_a_request_undoes_as_a_request(run_qasync, ctx, community, window) -> None:

    async def scenario():
        result = await ctx.write(community.requests.create, group="宝妈拼团群", note="")
        toast = Toast.show_result(window, ctx, result, timeout_ms=50)
        assert toast.message_label.text() == "Request logged"
        await asyncio.sleep(0.3)
        assert toast.closed
        again = Toast.show_result(window, ctx, result)
        assert await again.undo() is not None
        return again

    toast = run_qasync(scenario())
    assert toast.closed
    assert community.queries.activities(types=["request.posted"])  # it was logged…
    assert community.queries.activities(types=["request.posted"], current_only=True) == []  # …and undone


def test_an_invalid_amount_shows_why_and_disables_save(qtbot, run_qasync, ctx, community, settings,
                                                        window) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window)
    qtbot.keyClicks(dialog.contact_edit, "Xiaomei")
    qtbot.keyClicks(dialog.amount_edit, "12.505")
    assert not checked(run_qasync, dialog).save_button.isEnabled()
    assert dialog.amount_error.isVisibleTo(dialog)
    assert "12.505" in dialog.amount_error.text()
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Backspace)
    assert checked(run_qasync, dialog).save_button.isEnabled()
    assert not dialog.amount_error.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.amount_edit, "x")
    assert not checked(run_qasync, dialog).save_button.isEnabled()
    dialog.amount_edit.setText("¥8")
    assert checked(run_qasync, dialog).save_button.isEnabled() and dialog.amount_fen() == 800


def test_the_last_used_kind_is_remembered(qtbot, run_qasync, ctx, community, settings, window) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window)
    assert dialog.kind() == "bargain_cut"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("share"))
    qtbot.keyClicks(dialog.contact_edit, "Xiaomei")
    assert run_qasync(dialog.save()) is not None
    assert settings.value(KIND_KEY) == "share"

    again = QuickLogDialog(ctx, settings, dialog.parentWidget())
    assert again.kind() == "share"
    assert again.kind_combo.currentText() == "Share (转发)"


def test_a_request_needs_a_group_and_hides_what_it_does_not_use(
    qtbot, run_qasync, ctx, community, settings, window
) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window)
    qtbot.keyClicks(dialog.contact_edit, "Xiaomei")
    assert checked(run_qasync, dialog).save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert dialog.what() == "request"
    assert dialog.what_buttons["request"].isChecked()
    for field in (dialog.kind_combo, dialog.contact_edit, dialog.amount_edit):
        assert not field.isVisibleTo(dialog)
    assert dialog.group_edit.isVisibleTo(dialog) and dialog.note_edit.isVisibleTo(dialog)
    assert not checked(run_qasync, dialog).save_button.isEnabled()
    assert dialog.hint_label.text() == "A request needs a group."  # the services' own words
    assert run_qasync(dialog.save()) is None  # nothing is written without a group

    dialog.group_edit.setText("宝妈拼团群")  # QTest types ASCII only
    assert checked(run_qasync, dialog).save_button.isEnabled()
    result = run_qasync(dialog.save())
    assert result is not None and result.entity_type == "request"
    assert community.queries.helps() == []

    # Opened again for the next entry: it is still on requests; arrow keys move between the three choices.
    assert not dialog.isVisible()
    dialog.show()
    assert dialog.what() == "request" and dialog.focusWidget() is dialog.group_edit
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # the shortcut focuses the choice
    assert dialog.focusWidget() is dialog.what_buttons["request"]
    qtbot.keyClick(dialog.what_buttons["request"], Qt.Key.Key_Left)
    assert dialog.what() == "received"
    assert dialog.contact_edit.isVisibleTo(dialog)
    assert dialog.contact_edit.placeholderText() == "Who helped you?"


def test_escape_cancels_and_every_control_has_a_name(qtbot, ctx, services, settings, window) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window)
    for widget in (*dialog.what_buttons.values(), dialog.kind_combo, dialog.contact_edit, dialog.group_edit,
                   dialog.amount_edit, dialog.note_edit, dialog.save_button, dialog.cancel_button):
        assert widget.accessibleName()
    qtbot.keyClicks(dialog.contact_edit, "Xiaomei")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QuickLogDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert services.queries.helps() == []


def test_the_contact_field_completes_known_names(qtbot, ctx, services, settings, window) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window, choices=True)
    completer = dialog.contact_edit.completer()
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    completer.setCompletionPrefix("XIAO")
    assert completer.currentCompletion() == "Xiaomei"
    completer.setCompletionPrefix("强")
    assert completer.currentCompletion() == "阿强"
    assert completer.completionMode() == completer.CompletionMode.PopupCompletion
    assert dialog.group_edit.completer().model().stringList() == ["宝妈拼团群"]


def test_ctrl_n_opens_the_quick_log_through_the_controller(qtbot, qapp, run_qasync, services, data_dir,
                                                          settings) -> None:
    from app.ui.controller import WindowController
    from app.ui.main_window import MainWindow
    from app.ui.tasks import DbRunner

    services.contacts.create(nickname="Alice")
    window = MainWindow(data_dir, settings)
    qtbot.addWidget(window)
    window.show()
    runner = DbRunner()
    controller = WindowController(window, services, runner)
    assert window.quick_log_action.shortcut().toString() == "Ctrl+N"

    async def scenario() -> object:
        await controller.open_quick_log()
        return controller._quick_log

    dialog = run_qasync(scenario())
    assert dialog.isVisible()
    dialog.close()
    runner.shutdown()


def test_a_help_from_earlier_keeps_its_time_and_the_future_is_refused(
    qtbot, run_qasync, ctx, community, settings, window, clock
) -> None:
    from PySide6.QtCore import QDate, QDateTime, QTime

    dialog = make_dialog(qtbot, ctx, settings, window)
    now = clock.now().astimezone(clock.tz)
    shown = dialog.when_edit.dateTime()
    assert (shown.date().day(), shown.time().hour(), shown.time().minute()) == (now.day, now.hour, now.minute)
    dialog.contact_edit.setText("Xiaomei")
    # Later than now is not something that happened: said as you type (in the services' words), and Save waits.
    dialog.when_edit.setDateTime(QDateTime(QDate(now.year, now.month, now.day + 1), QTime(9, 0)))
    assert not checked(run_qasync, dialog).save_button.isEnabled()
    assert dialog.hint_label.text() == "A help cannot be in the future."
    assert run_qasync(dialog.save()) is None and community.queries.helps() == []

    dialog.when_edit.setDateTime(QDateTime(QDate(now.year, now.month, now.day - 1), QTime(10, 15)))
    assert run_qasync(dialog.save()) is not None
    at = community.queries.helps()[0]["at"]
    local = dt.datetime.fromisoformat(at).astimezone(clock.tz)
    assert (local.day, local.hour, local.minute) == (now.day - 1, 10, 15)

    # Untouched, the time is the moment of saving (to the second), not the minute the dialog showed.
    clock.advance(seconds=42)
    again = make_dialog(qtbot, ctx, settings, window)
    again.contact_edit.setText("Xiaomei")
    assert run_qasync(again.save()) is not None
    latest = max(h["at"] for h in community.queries.helps())
    assert dt.datetime.fromisoformat(latest) == clock.now()


def test_editing_a_help_logged_a_little_ahead_keeps_its_time(qtbot, run_qasync, ctx, community, settings, window,
                                                              clock) -> None:
    ahead = clock.now() + dt.timedelta(minutes=3)  # another device's clock ran fast: within what is accepted
    community.helps.create(direction="given", kind="share", contact="Xiaomei", at=ahead)
    before = community.queries.helps()[0]
    dialog = QuickLogDialog(ctx, None, window)
    qtbot.addWidget(dialog)
    dialog.start_edit(before, "Xiaomei", None)
    dialog.show()
    dialog.note_edit.setText("only the note")
    assert checked(run_qasync, dialog).save_button.isEnabled()
    assert run_qasync(dialog.save()) is not None
    after = community.queries.helps()[0]
    assert after["note"] == "only the note" and after["at"] == before["at"]


def test_the_toast_says_when_a_help_was_logged_too_late_for_the_dailies(qtbot, ctx, community, window) -> None:
    contact = community.queries.contacts()[0]["nickname"]
    late = community.helps.create(direction="given", kind="share", contact=contact,
                                  at=community.clock.now() - dt.timedelta(days=3))
    lines = Toast.show_result(window, ctx, late).texts()
    assert lines[-1] == ("Logged late (over two days back): it counts in your ledger and history, not for daily "
                         "quests or streaks.")
    fresh = community.helps.create(direction="given", kind="share", contact=contact,
                                   at=community.clock.now() - dt.timedelta(hours=20))
    assert not any("Logged late" in line for line in Toast.show_result(window, ctx, fresh).texts())


def test_the_toast_says_why_a_help_to_a_contact_added_today_earns_nothing(run_qasync, ctx, services, window,
                                                                          clock) -> None:
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="Xiaomei")  # the log's first day
    clock.current += dt.timedelta(days=1)
    services.contacts.create(nickname="新朋友")  # a day later: new today

    async def scenario():
        result = await ctx.write(services.helps.create, direction="given", kind="bargain_cut", contact="新朋友",
                                 amount_fen=99_900)
        return Toast.show_result(window, ctx, result)

    toast = run_qasync(scenario())
    lines = toast.texts()
    assert "A contact you added today counts in the game from tomorrow: this is in your ledger, and earns nothing " \
           "today." in lines
    assert not any(line.startswith(("Badge earned", "Quest step done")) for line in lines)
    toast.dismiss()


def test_a_first_log_naming_someone_new_adds_them_with_the_help(qtbot, run_qasync, ctx, services, settings,
                                                                  window) -> None:
    # A new user's very first log: nobody in the log yet. The dialog offers to add them; Save does both at once.
    dialog = make_dialog(qtbot, ctx, settings, window)
    dialog.contact_edit.setText("小美")  # setText: keyClicks of CJK text aborts the offscreen platform
    dialog.group_edit.setText("宝妈拼团群")
    checked(run_qasync, dialog)
    assert dialog.add_new_box.isVisible() and dialog.add_new_box.isChecked()
    assert dialog.add_new_box.text() == "Add “小美” as a new contact and “宝妈拼团群” as a new group"
    assert dialog.save_button.isEnabled() and dialog.hint_label.text() == ""
    dialog.add_new_box.setChecked(False)  # the user says no: nothing can be saved, and the hint says why
    assert not dialog.save_button.isEnabled() and dialog.hint_label.text() == "No contact '小美'."
    dialog.add_new_box.setChecked(True)
    result = run_qasync(dialog.save())
    assert result is not None
    (contact,) = services.queries.contacts()
    assert contact["nickname"] == "小美" and [g["name"] for g in services.queries.groups()] == ["宝妈拼团群"]
    assert services.queries.helps()[0]["contact_id"] == contact["id"]


def test_a_new_name_no_contact_may_have_is_refused_not_offered(qtbot, run_qasync, ctx, community, settings,
                                                               window) -> None:
    dialog = make_dialog(qtbot, ctx, settings, window)
    dialog.contact_edit.setText("小\t美")  # a tab typed into a name
    checked(run_qasync, dialog)
    assert not dialog.add_new_box.isVisible() and not dialog.save_button.isEnabled()
    assert dialog.hint_label.text()
    assert [c["nickname"] for c in community.queries.contacts()] == ["Xiaomei"]


def test_a_request_shows_the_groups_window_limit_and_balance_before_saving(
    qtbot, run_qasync, ctx, services, settings, window
) -> None:
    """With a limit of one request a day and a window Mon–Fri 20:00–22:00, a second request at 19:23 saved
    without a word. Now the dialog says so before saving (and still lets the user save: it is their log)."""
    import datetime as dt

    from PySide6.QtCore import QDate, QDateTime, QTime

    tz = services.clock.tz
    services.groups.create(name="宝妈拼团群", daily_request_limit=1, windows=["Mon-Fri 20:00-22:00"])
    services.contacts.create(nickname="Xiaomei")
    services.requests.create(group="宝妈拼团群", at=dt.datetime(2026, 11, 25, 9, 0, tzinfo=tz))
    services.helps.create(direction="given", kind="boost_click", contact="Xiaomei", group="宝妈拼团群")
    dialog = make_dialog(qtbot, ctx, settings, window)
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Asked a g_roup for help
    qtbot.waitUntil(lambda: dialog.what() == "request")  # a mnemonic clicks as a mouse would: animated
    assert not dialog.rules_label.isVisibleTo(dialog)  # no group named yet
    dialog.group_edit.setText("宝妈拼团群")
    dialog.when_edit.setDateTime(QDateTime(QDate(2026, 11, 25), QTime(19, 23)))
    assert run_qasync(dialog.rules_settled()) is not None
    said = dialog.rules_label.accessibleName()
    assert dialog.rules_label.isVisibleTo(dialog)
    assert "Outside its activity window (Mon-Fri 20:00-22:00)." in said
    assert "You already asked there 1 times that day: its limit is 1 a day." in said
    assert "There you helped 1 times and were helped 0 times." in said
    assert dialog.rules_label.text().count("color:") == 2  # both warnings stand out
    assert checked(run_qasync, dialog).save_button.isEnabled()

    dialog.when_edit.setDateTime(QDateTime(QDate(2026, 11, 25), QTime(20, 30)))  # a Wednesday, in the window
    run_qasync(dialog.rules_settled())
    assert "Its activity window is open until 22:00." in dialog.rules_label.accessibleName()
    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # &Helped someone
    qtbot.waitUntil(lambda: dialog.what() == "given")
    assert "limit" not in dialog.rules_label.accessibleName()  # a help is not a request
    dialog.group_edit.setText("")
    run_qasync(dialog.rules_settled())
    assert not dialog.rules_label.isVisibleTo(dialog)
    assert services.queries.requests() and len(services.queries.requests()) == 1  # it only read
