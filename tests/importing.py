"""Running the importers on the small official-format files in tests/data."""

from __future__ import annotations

import gzip
import shutil
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from careerpaths.cache import CONTENT_APPS

DATA = Path(__file__).resolve().parent / "data"
ONET = DATA / "onet-27.0"
PROJECTIONS = DATA / "bls-ep" / "employment-projections-2024-34.csv"
OEWS = DATA / "oews" / "oews-2025-sample.csv.gz"


def run(command: str, *args, **options) -> str:
    """Run a management command; its output."""
    out = StringIO()
    call_command(command, *[str(a) for a in args], stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def load_mapping() -> None:
    """The SOC major group -> industry mapping and the growth bands (as load_catalog does)."""
    call_command("loaddata", "soc_industries", "growth_bands", verbosity=0)


def import_all() -> None:
    run("import_onet", ONET)
    run("import_projections", PROJECTIONS)
    run("import_oews", OEWS)


def snapshot() -> dict[str, list]:
    """Every row of every content model, to prove a run changed nothing."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in CONTENT_APPS
    }


def copy_with(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    """A copy of a test file with one piece replaced (gzip kept), to make bad or newer files."""
    if source.name.endswith(".gz"):
        data = gzip.decompress(source.read_bytes())
        assert old in data, old
        target.write_bytes(gzip.compress(data.replace(old, new, 1)))
    else:
        data = source.read_bytes()
        assert old in data, old
        target.write_bytes(data.replace(old, new, 1))
    return target


def copy_folder(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
