"""E-mail that must go at most once: reminders and chasers, each logged by a row whose uniqueness (one a
thing a day) says it went."""

import logging
import smtplib
from collections.abc import Callable

from django.core.mail import BadHeaderError, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from core.text import render_subject

logger = logging.getLogger(__name__)


def send_once(
    *, log: Callable[[], object], subject: str, body: str, context: dict, recipients: list[str], what: str
) -> bool:
    """Write the log row (`log()`) and send the mail (subject and body templates with `context`) in one
    transaction. True when it went now; False when another run logged it a moment ago (the log row's
    uniqueness refuses the second), or when the mail server refused it: then nothing is logged, the
    failure is (without addresses), and the next run tries again. One failure never stops the others."""
    try:
        with transaction.atomic():
            log()
            send_mail(
                subject=render_subject(subject, context),
                message=render_to_string(body, context),
                from_email=None,
                recipient_list=recipients,
            )
    except IntegrityError:
        return False
    except (OSError, smtplib.SMTPException, BadHeaderError) as error:
        logger.warning("%s not sent: %s", what, type(error).__name__)
        return False
    return True
