#!/usr/bin/env python3
"""Set up and run careerpaths with nothing but Python 3.11+.

    python3 dev.py run     virtualenv + dependencies, migrate, demo content, http://127.0.0.1:8000
    python3 dev.py test    lint (ruff) and the test suite (pytest); extra arguments go to pytest

The virtualenv lives in .venv and is refreshed whenever pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".pyproject-sha256"


def run(*args: str | Path, env: dict | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv and install the dependencies named in pyproject.toml (once per change)."""
    if sys.version_info < (3, 11):  # noqa: UP036 - say so plainly instead of failing to import
        sys.exit("careerpaths needs Python 3.11 or newer.")
    import tomllib

    pyproject = (ROOT / "pyproject.toml").read_bytes()
    digest = hashlib.sha256(pyproject).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    if not PYTHON.exists():
        print("Creating the virtualenv in .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    project = tomllib.loads(pyproject.decode())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
    print("Installing dependencies ...", flush=True)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements)
    STAMP.write_text(digest)


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "help"
    if command not in {"run", "test"}:
        sys.exit(__doc__)
    ensure_venv()
    manage = [PYTHON, "manage.py"]
    if command == "run":
        run(*manage, "migrate", "--verbosity", "0")
        run(*manage, "loaddata", "demo", "--verbosity", "0")
        run(*manage, "make_renditions", "--verbosity", "0")
        # A first history entry for content that loaddata wrote (only where none exists yet).
        run(*manage, "populate_history", "--auto", "--verbosity", "0")
        print("Demo content loaded. Sign in at http://127.0.0.1:8000/admin/ with:")
        run(*manage, "demo_accounts")
        run(*manage, "runserver", "127.0.0.1:8000", *argv[1:])
    else:
        run(BIN / "ruff", "check", ".")
        run(BIN / "ruff", "format", "--check", ".")
        run(PYTHON, "-m", "pytest", *argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
