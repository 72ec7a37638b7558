"""The project's settings, as deployed, plus the one thing a test run lacks: a key."""

import os

# A test run is not a deployment: give it a key so the settings load with DEBUG off.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from pga.settings import *  # noqa: E402,F403

# Most tests are about other things than the second factor; tests/test_two_factor.py
# switches it on and shows that nothing is reachable without it.
TWO_FACTOR_REQUIRED = False

# The test client and live server speak plain HTTP.
SECURE_SSL_REDIRECT = False

# Hashing passwords at full strength makes every login in a test cost ~0.3 s.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Generated files (archived PDFs) go to a throw-away folder, never into the project.
import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="pga-test-media-"))  # noqa: F405

# Tasks run at once in the test (as in the demo), whatever the shell says; the tests that
# need a real worker and Redis start their own (tests/test_worker.py).
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True

# The API's rate limits are tested with their own low values (tests/api); elsewhere the
# page walks ask the API by the hundred from one address.
API_RATE_LIMIT = "10000/minute"
API_RATE_LIMIT_REFUSED = "10000/minute"
