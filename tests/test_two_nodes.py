"""Two gunicorn machines sharing PostgreSQL and Redis: scripts/two_nodes.py, run as CI runs it.

Runs when the suite itself runs on PostgreSQL with the Redis cache (DATABASE_URL and REDIS_URL
set, as in .ci/run's second pass); the script gets a database of its own next to the suite's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")


def reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.twonode,
    pytest.mark.skipif(
        not (DATABASE_URL.startswith(("postgres://", "postgresql://")) and REDIS_URL),
        reason="needs DATABASE_URL=postgres://... and REDIS_URL (the CI's second pass)",
    ),
]


def test_an_edit_through_one_node_shows_through_the_other_at_once():
    if not (reachable(DATABASE_URL, 5432) and reachable(REDIS_URL, 6379)):
        if os.environ.get("CI"):
            pytest.fail(".ci/run starts PostgreSQL and Redis; they must be reachable here")
        pytest.skip("PostgreSQL or Redis is not reachable")
    suite_database = urlsplit(DATABASE_URL).path.lstrip("/")
    database_url = urlsplit(DATABASE_URL)._replace(path=f"/{suite_database}_twonode").geturl()

    result = subprocess.run(
        [
            sys.executable,
            "scripts/two_nodes.py",
            "--database-url",
            database_url,
            "--redis-url",
            REDIS_URL,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "B shows the new title at once" in output
    assert "B's first view is the page A cached" in output
    assert "stopped node A" in output and "stopped node B" in output
    assert f"dropped database {suite_database}_twonode" in output
