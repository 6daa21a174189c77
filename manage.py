#!/usr/bin/env python
"""Django's command-line entry point for the FIGO CMS (development settings by default)."""

import os
import sys
from pathlib import Path

# The project configuration lives in site/, whose name the standard library already owns:
# put the folder itself on the path and import its modules as `settings`, `urls`, `api`, `wsgi`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
