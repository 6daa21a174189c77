"""WSGI entry point; production settings unless DJANGO_SETTINGS_MODULE says otherwise.

Serve with the project configuration folder on the path, e.g.
``gunicorn --pythonpath site wsgi:application``.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

application = get_wsgi_application()
