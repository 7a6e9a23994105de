#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shifan.settings")
    if not (os.environ.get("SHIFAN_SECRET_KEY") or os.environ.get("SHIFAN_SECRET_KEY_FILE")):
        # A checkout without production secrets is a development machine: use the dev settings
        # (debug keys) so `python manage.py …` works there; servers always set their secrets.
        os.environ.setdefault("SHIFAN_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
