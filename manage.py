#!/usr/bin/env python
"""Django's command-line utility; `scrutiny` is the friendlier front door to the same commands."""

import os
import sys

if __name__ == "__main__":
    os.umask(0o077)  # what it writes (the database, uploads) is the service user's alone
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
