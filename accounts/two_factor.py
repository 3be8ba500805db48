"""Two-factor sign-in with a time-based code (TOTP, RFC 6238) from an authenticator app, via django-otp."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib.auth import logout
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_ATTEMPTS = 5  # wrong codes in one session before it ends
FAILURES = "otp_failures"


def wrong_code_ends_session(request) -> bool:
    """Count a wrong code; the last allowed one signs the person out, so guessing needs the password."""
    request.session[FAILURES] = request.session.get(FAILURES, 0) + 1
    if request.session[FAILURES] < CODE_ATTEMPTS:
        return False
    logout(request)
    return True


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


def confirm_device(request, device: TOTPDevice, code: str) -> bool:
    """The first code proves the app holds the key: the device is kept and this session verified."""
    if not device.verify_token(code.replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()  # one authenticator at a time
    device.confirmed = True
    device.save()
    otp_login(request, device)
    request.session.pop(FAILURES, None)
    return True


def verify(request, code: str) -> bool:
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(code.replace(" ", "")):
            otp_login(request, device)
            request.session.pop(FAILURES, None)
            return True
    return False
