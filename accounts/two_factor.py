"""Two-factor sign-in with a time-based code (TOTP, RFC 6238) from an authenticator app, via django-otp,
and single-use recovery codes (django-otp's static tokens) for a lost phone.

Setting up an authenticator is open only to an account that has none yet. Replacing one needs a session
already verified with the current authenticator and a code from it again; otherwise an administrator
resets it. So a password alone never yields a verified session."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib.auth import logout
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.refusals import Refused

CODE_ATTEMPTS = 5  # wrong codes in one session before it ends
FAILURES = "otp_failures"
RECOVERY_CODES = 10
RECOVERY_TO_SHOW = "otp_recovery_codes"  # the new codes, shown once on the next page


class SetUpRefused(Refused):
    """Setting up an authenticator is not allowed in this session."""


def wrong_code_ends_session(request) -> bool:
    """Count a wrong code; the last allowed one signs the person out, so guessing needs the password."""
    request.session[FAILURES] = request.session.get(FAILURES, 0) + 1
    if request.session[FAILURES] < CODE_ATTEMPTS:
        return False
    logout(request)
    return True


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def may_set_up(request) -> bool:
    """A first authenticator after the password; a replacement only from a session verified by the
    current one."""
    return not has_authenticator(request.user) or request.user.is_verified()


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up: unconfirmed until the person types a code it shows."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def normalised(code: str) -> str:
    return "".join(code.split()).lower()


def current_code_is_right(user, code: str) -> bool:
    """A code from the authenticator the person has now (not a recovery code): the proof that replacing
    it is their own choice."""
    return any(
        device.verify_token(normalised(code))
        for device in TOTPDevice.objects.filter(user=user, confirmed=True)
    )


def confirm_device(request, device: TOTPDevice, code: str, current_code: str = "") -> bool:
    """The first code proves the app holds the key: the device is kept, this session verified, and a new
    set of recovery codes made (kept in the session to be shown once).

    Raises SetUpRefused when the session may not set up an authenticator, or when replacing one without a
    right code from it."""
    user = request.user
    if device.user_id != user.pk or not may_set_up(request):
        raise SetUpRefused("Enter the code from the authenticator app you already have")
    if has_authenticator(user) and not current_code_is_right(user, current_code):
        raise SetUpRefused("Enter a code from the authenticator app you use now, to replace it")
    if not device.verify_token(normalised(code)):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one authenticator at a time
        device.confirmed = True
        device.save()
        request.session[RECOVERY_TO_SHOW] = new_recovery_codes(user)
    otp_login(request, device)
    request.session.pop(FAILURES, None)
    return True


def new_recovery_codes(user) -> list[str]:
    """Ten single-use codes for signing in without the phone; any earlier set stops working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(request, code: str) -> bool:
    """A code from the authenticator, or one of the recovery codes (which is then used up)."""
    token = normalised(code)
    devices = [
        *TOTPDevice.objects.filter(user=request.user, confirmed=True),
        *StaticDevice.objects.filter(user=request.user, confirmed=True),
    ]
    for device in devices:
        if device.verify_token(token):
            otp_login(request, device)
            request.session.pop(FAILURES, None)
            return True
    return False


def forget_devices(user) -> int:
    """An administrator's reset: the authenticator and the recovery codes go together."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    return removed + StaticDevice.objects.filter(user=user).delete()[0]
