"""Who may use tracking's pages and operations; which rows they see is `Action.objects.visible_to`."""

from accounts import access
from accounts.roles import Role


def reads_tracking(user) -> bool:
    """Office staff and the panel read the office's tracker; a force contributor reads its force's."""
    return access.reads_deadlines(user) or (access.is_force_contributor(user) and user.force_id is not None)


def updates_actions(user) -> bool:
    """Office staff, and force contributors on their own force's actions."""
    return access.is_office_staff(user) or (access.is_force_contributor(user) and user.force_id is not None)


def is_panel_member(user) -> bool:
    return access.active(user) and not user.is_superuser and user.role == Role.PANEL_MEMBER


READS = "Your role does not include the tracker."
UPDATES = "Your role cannot update actions."

tracker_reader_required = access.requires(reads_tracking, READS)
updater_required = access.requires(updates_actions, UPDATES)
