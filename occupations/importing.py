"""What the O*NET, BLS Employment Projections and BLS OEWS importers have in common.

Each importer is an `ImportCommand`: it reads its files through `Table` (streaming, tab- or
comma-separated, optionally gzipped, line numbers kept, encoding quirks repaired) and counts
what it does in a `Summary`. `ImportCommand.handle` makes every run:

- atomic: a bad row raises `RowError`; the message names the file and the line, and the
  transaction is rolled back so the database is exactly as before;
- a dry run on request: everything is done, counted and reported, then rolled back;
- recorded: a successful run leaves an `ImportRun` (file, SHA-256, source and vintage, counts);
- visible: a summary per kind of record at the end, and a progress bar on a terminal for runs
  that take more than a couple of seconds.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from careerpaths.cache import content_changed
from careerpaths.transactions import on_commit_once
from occupations.history import as_system_user, history_change_reason, history_user
from occupations.models import (
    AlternateOccupationTitle,
    DataSource,
    ImportRun,
    Occupation,
    Status,
    TitleSource,
)
from occupations.titles import singularize_title, unique_slug


class RowError(Exception):
    """A value in the current row is wrong; `ImportCommand` adds the file and line."""


# Characters a Windows export turned into "¿" (seen in the BLS projections: "GED¿").
REPAIRS = {"GED\u00bf": "GED\u00ae"}


# --- Summary -------------------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "skipped": dict(self.skipped),
        }


class Summary:
    """Counts per kind of record ("occupations", "wages"...), plus notes for the reader."""

    def __init__(self) -> None:
        self.kinds: dict[str, Tally] = {}
        self.notes: list[str] = []

    def __getitem__(self, kind: str) -> Tally:
        return self.kinds.setdefault(kind, Tally())

    def skip(self, kind: str, reason: str, count: int = 1) -> None:
        self[kind].skipped[reason] += count

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": {kind: tally.as_dict() for kind, tally in self.kinds.items()},
            "notes": self.notes,
        }

    def lines(self, dry_run: bool) -> list[str]:
        verbs = (
            ("would create", "would update", "unchanged", "would delete")
            if dry_run
            else ("created", "updated", "unchanged", "deleted")
        )
        lines = []
        for kind, tally in self.kinds.items():
            counts = [tally.created, tally.updated, tally.unchanged, tally.deleted]
            parts = [f"{n:,} {verb}" for n, verb in zip(counts, verbs, strict=True)]
            skipped = sum(tally.skipped.values())
            parts.append(f"{skipped:,} skipped")
            lines.append(f"  {kind}: " + ", ".join(parts))
            for reason, count in tally.skipped.most_common():
                lines.append(f"      skipped {count:,}: {reason}")
        lines += [f"  note: {note}" for note in self.notes]
        return lines


# --- Progress ------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on a terminal, drawn only once a run has taken `delay` seconds
    (`DELAY` unless told); silent when the output is not a terminal (logs, tests, cron)."""

    DELAY = 2.0  # seconds: quick runs draw nothing

    def __init__(
        self, stream: IO | OutputWrapper, label: str, total: int, delay: float | None = None
    ):
        # Write past OutputWrapper, which would colour stderr as an error.
        self.stream = getattr(stream, "_out", stream)
        self.label = label
        self.total = max(total, 1)
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.delay = self.DELAY if delay is None else delay
        self.last_draw = 0.0
        self.drawn = False

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or now - self.last_draw < 0.2:
            return
        self.last_draw = now
        fraction = min(done / self.total, 1.0)
        bar = "#" * int(fraction * 30)
        self.stream.write(f"\r{self.label} [{bar:<30}] {fraction:4.0%}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * (len(self.label) + 40) + "\r")
            self.stream.flush()


# --- Reading files -------------------------------------------------------------------------


class Table:
    """Rows of a delimited text file with a header row, streamed, as dicts by column name.

    `.csv.gz` files are read through gzip. Lines are decoded as UTF-8; a line that is not valid
    UTF-8 is read as Windows-1252 (what the BLS exports use) and counted in the summary's
    notes, and known mis-encodings (`REPAIRS`) are put right. `line` is the line number of the
    row being read, for error messages.
    """

    def __init__(
        self,
        path: Path,
        *,
        delimiter: str = ",",
        required: Iterable[str] = (),
        summary: Summary | None = None,
        progress: Progress | None = None,
        upper_header: bool = False,
    ) -> None:
        self.path = Path(path)
        self.delimiter = delimiter
        self.required = list(required)
        self.summary = summary
        self.progress = progress
        self.upper_header = upper_header
        self.line = 0
        self.header: list[str] = []
        self.fallback_lines = 0
        self.repaired = 0

    def _open(self, raw: IO[bytes]) -> IO[bytes]:
        return gzip.GzipFile(fileobj=raw) if self.path.name.endswith(".gz") else raw

    def peek_header(self) -> list[str]:
        """The column names, read without reading the rest of the file."""
        try:
            with open(self.path, "rb") as raw:
                first = next(iter(self._open(raw)), b"")
        except (OSError, EOFError) as error:
            raise RowError(f"the file cannot be read ({error})") from error
        text = first.decode("utf-8", errors="replace")
        header = next(csv.reader([text], delimiter=self.delimiter), [])
        return [name.strip().lstrip("\ufeff") for name in header]

    def _lines(self, raw: IO[bytes], binary: IO[bytes]) -> Iterator[str]:
        progress = self.progress
        for count, data in enumerate(binary):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
                self.fallback_lines += 1
            for wrong, right in REPAIRS.items():
                if wrong in text:
                    self.repaired += text.count(wrong)
                    text = text.replace(wrong, right)
            if progress is not None and count % 2000 == 0:
                progress.update(raw.tell())
            yield text

    def __iter__(self) -> Iterator[dict[str, str]]:
        with open(self.path, "rb") as raw:
            binary = self._open(raw)
            try:
                yield from self._rows(raw, binary)
            except (OSError, EOFError, gzip.BadGzipFile) as error:
                raise RowError(f"the file cannot be read ({error})") from error
            finally:
                if self.progress is not None:
                    self.progress.finish()
                if self.fallback_lines and self.summary is not None:
                    self.summary.notes.append(
                        f"{self.path.name}: {self.fallback_lines} line(s) were not valid UTF-8 "
                        "and were read as Windows-1252"
                    )
                if self.repaired and self.summary is not None:
                    repairs = "; ".join(
                        f'"{wrong}" is "{right}"' for wrong, right in REPAIRS.items()
                    )
                    self.summary.notes.append(
                        f"{self.path.name}: repaired {self.repaired} mis-encoded character(s) "
                        f"({repairs})"
                    )

    def _rows(self, raw: IO[bytes], binary: IO[bytes]) -> Iterator[dict[str, str]]:
        reader = csv.reader(
            self._lines(raw, binary),
            delimiter=self.delimiter,
            quoting=csv.QUOTE_NONE if self.delimiter == "\t" else csv.QUOTE_MINIMAL,
            strict=True,
        )
        try:
            header = next(reader)
        except StopIteration:
            self.line = 1
            raise RowError("the file is empty; expected a header row") from None
        except csv.Error as error:
            self.line = 1
            raise RowError(f"the header row cannot be read ({error})") from None
        header = [name.strip().lstrip("\ufeff") for name in header]
        if self.upper_header:
            header = [name.upper() for name in header]
        self.header = header
        self.line = 1
        missing = [name for name in self.required if name not in header]
        if missing:
            raise RowError(
                f"the header row lacks the column(s) {', '.join(map(repr, missing))}; "
                f"found {', '.join(map(repr, header))}"
            )
        width = len(header)
        while True:
            start = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self.line = start
                raise RowError(f"the row cannot be read ({error})") from None
            self.line = start
            if not values or values == [""]:
                continue
            if len(values) != width:
                raise RowError(f"expected {width} columns, found {len(values)}")
            yield dict(zip(header, values, strict=True))


def sha256_of(paths: Iterable[Path]) -> str:
    """SHA-256 of one file, or of several (the digest of their digests, in name order)."""
    digests = []
    for path in sorted(paths):
        digest = hashlib.sha256()
        with open(path, "rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
        digests.append(digest.hexdigest())
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


# --- Parsing values ------------------------------------------------------------------------

SOC_CODE = re.compile(r"^\d\d-\d{4}$")
ONET_CODE = re.compile(r"^\d\d-\d{4}\.\d\d$")


def soc_code(value: str, column: str) -> str:
    value = value.strip()
    if not SOC_CODE.match(value):
        raise RowError(f'column "{column}" is "{value}", not a SOC code like 29-2032')
    return value


def onet_code(value: str, column: str) -> str:
    value = value.strip()
    if not ONET_CODE.match(value):
        raise RowError(f'column "{column}" is "{value}", not an O*NET-SOC code like 29-2032.00')
    return value


def decimal(value: str, column: str, *, blank: tuple[str, ...] = ()) -> Decimal | None:
    """ "1,579.80" -> Decimal("1579.80"); a value in `blank` ("N/A") -> None."""
    value = value.strip()
    if value in blank:
        return None
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise RowError(f'column "{column}" is "{value}", not a number') from None
    if not number.is_finite():
        raise RowError(f'column "{column}" is "{value}", not a number')
    return number


def integer(value: str, column: str) -> int:
    number = decimal(value, column)
    if number != number.to_integral_value():
        raise RowError(f'column "{column}" is "{value}", not a whole number')
    return int(number)


def required_text(value: str, column: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise RowError(f'column "{column}" is empty')
    return value


# --- Writing -------------------------------------------------------------------------------


def assign(instance: Model, values: dict[str, Any]) -> bool:
    """Set `values` on `instance`; True when any of them differed (an update, not a no-op)."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


class Batch:
    """Collects new and changed rows of one model and writes them in bulk.

    With `replace`, a changed row is deleted and inserted again with the same primary key
    instead of updated: far faster than `bulk_update` (one CASE per field and row) when a
    new release changes most of a big table, and safe for rows nothing refers to (wages).
    """

    def __init__(
        self, model: type[Model], fields: list[str], size: int = 2000, replace: bool = False
    ) -> None:
        self.model = model
        self.fields = fields
        self.size = size
        self.replace = replace
        self.to_create: list[Model] = []
        self.to_update: list[Model] = []

    def create(self, instance: Model) -> None:
        self.to_create.append(instance)
        if len(self.to_create) >= self.size:
            self.flush()

    def update(self, instance: Model) -> None:
        self.to_update.append(instance)
        if len(self.to_update) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.to_update and self.replace:
            delete_rows(self.model, [instance.pk for instance in self.to_update])
            self.to_create += self.to_update
            self.to_update = []
        tracked = hasattr(self.model, "history")  # content models keep their history
        if self.to_create:
            if tracked:
                bulk_create_with_history(
                    self.to_create,
                    self.model,
                    batch_size=self.size,
                    default_user=history_user(),
                    default_change_reason=history_change_reason(),
                )
            else:
                self.model.objects.bulk_create(self.to_create, batch_size=self.size)
            self.to_create = []
        if self.to_update:
            if tracked:
                bulk_update_with_history(
                    self.to_update,
                    self.model,
                    self.fields,
                    batch_size=500,
                    default_user=history_user(),
                    default_change_reason=history_change_reason(),
                )
            else:
                self.model.objects.bulk_update(self.to_update, self.fields, batch_size=500)
            self.to_update = []


class OccupationSync:
    """Creates or updates occupations by SOC code, in bulk, for the O*NET and BLS projections
    importers. An existing occupation (`existing`, matched by SOC code) gets the imported
    values; a new one is created published, in the industry its SOC major group maps to, with
    a singular title and a unique slug; one whose major group maps to no industry is skipped.
    Curated fields are never touched."""

    def __init__(self, summary: Summary, fields: list[str], industries: dict[str, int]) -> None:
        self.summary = summary
        self.tally = summary["occupations"]
        self.industries = industries  # SOC major group -> industry id
        self.existing = {
            o.soc_code: o
            # whole rows: the history of a bulk update reads every field, and a deferred one
            # would cost a query per occupation
            for o in Occupation.objects.exclude(soc_code="")
        }
        self.slugs = set(Occupation.objects.values_list("slug", flat=True))
        self.batch = Batch(Occupation, fields)
        self.now = timezone.now()
        self.occupations: dict[str, Occupation] = {}

    def sync(self, soc: str, values: dict[str, Any], plural: str) -> Occupation | None:
        """The occupation of `soc` with `values`, created as `plural` ("Plumbers") if new;
        None if it is new and its major group has no industry."""
        occupation = self.existing.get(soc)
        if occupation is not None:
            if assign(occupation, values):
                occupation.updated = self.now
                self.batch.update(occupation)
                self.tally.updated += 1
            else:
                self.tally.unchanged += 1
        else:
            group = soc[:2]
            if group not in self.industries:
                self.summary.skip(
                    "occupations",
                    f"SOC major group {group} is not mapped to an industry "
                    "(fixtures/soc_industries.json)",
                )
                return None
            title = singularize_title(plural)
            occupation = Occupation(
                soc_code=soc,
                title=title,
                title_plural=plural,
                slug=unique_slug(title, self.slugs, suffix=soc),
                industry_id=self.industries[group],
                status=Status.PUBLISHED,
                **values,
            )
            self.batch.create(occupation)
            self.tally.created += 1
        self.occupations[soc] = occupation
        return occupation

    def finish(self) -> dict[str, Occupation]:
        """Write what is left; every occupation synced, by SOC code, with its id."""
        self.batch.flush()
        if any(o.pk is None for o in self.occupations.values()):  # backends that return no ids
            ids = dict(
                Occupation.objects.filter(soc_code__in=self.occupations).values_list(
                    "soc_code", "pk"
                )
            )
            for soc, occupation in self.occupations.items():
                occupation.pk = ids[soc]
        return self.occupations


def delete_rows(model: type[Model], pks: list[int]) -> int:
    """Delete rows by primary key, a few hundred at a time (SQLite limits query parameters)."""
    for start in range(0, len(pks), 500):
        model.objects.filter(pk__in=pks[start : start + 500]).delete()
    return len(pks)


def want_title(summary: Summary, wanted: dict, occupation, title: str, source: str) -> None:
    """Add an alternate title to `wanted` unless the occupation already has it (any case)."""
    key = (occupation.pk, title.casefold())
    if title.casefold() in (occupation.title.casefold(), occupation.title_plural.casefold()):
        summary.skip("alternate titles", "same as the occupation's title")
    elif key in wanted:
        summary.skip("alternate titles", "listed twice for one occupation")
    else:
        wanted[key] = (title, source)


def sync_alternate_titles(
    summary: Summary,
    wanted: dict[tuple[int, str], tuple[str, str]],
    occupation_ids: list[int],
    managed: set[str],
) -> None:
    """Make the alternate titles of `managed` sources on these occupations exactly `wanted`
    ({(occupation id, casefolded title): (title, source)}); titles another source already
    lists are left to it."""
    kind = "alternate titles"
    tally = summary[kind]
    existing = {}
    for start in range(0, len(occupation_ids), 500):
        for pk, occupation_id, title, source in AlternateOccupationTitle.objects.filter(
            occupation_id__in=occupation_ids[start : start + 500]
        ).values_list("pk", "occupation_id", "title", "source"):
            existing[(occupation_id, title.casefold())] = (pk, title, source)
    batch = Batch(AlternateOccupationTitle, ["title", "source"], size=5000)
    for key, (title, source) in wanted.items():
        current = existing.get(key)
        if current is None:
            batch.create(AlternateOccupationTitle(occupation_id=key[0], title=title, source=source))
            tally.created += 1
        elif current[2] not in managed:
            summary.skip(
                kind, f"already listed from another source ({TitleSource(current[2]).label})"
            )
        elif (current[1], current[2]) != (title, source):
            batch.update(AlternateOccupationTitle(pk=current[0], title=title, source=source))
            tally.updated += 1
        else:
            tally.unchanged += 1
    batch.flush()
    stale = [
        pk for key, (pk, _, source) in existing.items() if source in managed and key not in wanted
    ]
    tally.deleted += delete_rows(AlternateOccupationTitle, stale)


def ensure_source(
    slug: str, vintage: str, defaults: dict[str, str], summary: Summary
) -> DataSource:
    """The data source an importer reports as, created when missing; its vintage follows the
    file just imported (its name, link and description are the counselors')."""
    source, created = DataSource.objects.get_or_create(
        slug=slug, defaults={**defaults, "vintage": vintage}
    )
    if created:
        summary["data sources"].created += 1
    elif source.vintage != vintage:
        source.vintage = vintage
        source.save(update_fields=["vintage"])
        summary["data sources"].updated += 1
    else:
        summary["data sources"].unchanged += 1
    return source


# --- The command ---------------------------------------------------------------------------


@dataclass
class Outcome:
    """What an importer hands back: what it read, and who and which vintage it reports."""

    files: list[Path]
    source: DataSource | None
    vintage: str


def refresh_planner_statistics() -> None:
    """Fresh table statistics for PostgreSQL's planner once an import has committed: after a
    bulk load, autovacuum gathers them only some time later, and until then the planner can
    choose poor plans for the pages (an ANALYZE of the catalog takes a second or two). SQLite
    keeps no statistics unless asked to, and plans well without them here."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class ImportCommand(BaseCommand):
    """Base for the importers: a subclass implements `run` (and may add arguments)."""

    importer_name = ""
    path_help = ""

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help=self.path_help)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read everything and report what would change, then change nothing.",
        )

    def handle(self, *args, **options):
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        self.dry_run = options["dry_run"]
        self.options = options
        self.summary = Summary()
        self.table: Table | None = None
        started = timezone.now()
        clock = time.monotonic()
        try:
            with transaction.atomic(), as_system_user(f"importer:{self.importer_name}"):
                outcome = self.run(path)
                if self.dry_run:
                    transaction.set_rollback(True)
                else:
                    content_changed()  # cached pages on every machine, once this commits
                    on_commit_once(refresh_planner_statistics)  # once for load_catalog too
                    ImportRun.objects.create(
                        importer=self.importer_name,
                        path=str(path.resolve()),
                        sha256=sha256_of(outcome.files),
                        source=outcome.source,
                        vintage=outcome.vintage,
                        started=started,
                        finished=timezone.now(),
                        summary=self.summary.as_dict(),
                    )
        except RowError as error:
            where = f"{self.table.path}, line {self.table.line}" if self.table else str(path)
            raise CommandError(
                f"{where}: {error}. Nothing was imported; the database is unchanged."
            ) from error
        seconds = time.monotonic() - clock
        heading = f"{self.importer_name} {outcome.vintage}: {path} ({seconds:.1f} s)"
        if self.dry_run:
            heading += " -- dry run, nothing was saved"
        self.stdout.write(heading)
        for line in self.summary.lines(self.dry_run):
            self.stdout.write(line)

    def open_table(self, path: Path, **kwargs) -> Table:
        """A `Table` with this run's summary and a progress bar, remembered for errors."""
        progress = Progress(self.stderr, f"{self.importer_name}: {path.name}", path.stat().st_size)
        self.table = Table(path, summary=self.summary, progress=progress, **kwargs)
        return self.table

    def run(self, path: Path) -> Outcome:
        raise NotImplementedError
