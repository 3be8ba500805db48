"""What happens to people, announced for the apps that keep secrets shared with them.

`person_deactivated` (sender=User, person=User) is sent inside the transaction that stops a person
signing in: an app that gave the person a shared secret (the office's calendar address) changes it.
"""

from django.dispatch import Signal

person_deactivated = Signal()

# Who must hear it (scrutiny/tests/test_events.py): responses changes the office's calendar address.
LISTENERS = {"person_deactivated": {"responses"}}
