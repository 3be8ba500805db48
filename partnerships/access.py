"""Who may use the partnerships' pages, beyond the roles `accounts.access` already names: partnership
contributors see the referrals sent to their partnership and record the outcome."""

from accounts.access import active, is_office_staff, requires
from accounts.roles import Role


def is_partnership_contributor(user) -> bool:
    return active(user) and not user.is_superuser and user.role == Role.PARTNERSHIP_CONTRIBUTOR


def reads_referrals(user) -> bool:
    """The office's staff, and the contributors of the partnerships it refers to."""
    return is_office_staff(user) or is_partnership_contributor(user)


referrals_reader_required = requires(reads_referrals, "Your role does not include referrals.")
