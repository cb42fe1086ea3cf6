"""Spotlight images: what an upload must be, how it is cleaned, and the renditions pages use.

An upload is accepted only if it is a JPEG, PNG or WebP image (by its content, not only its
name), at most 10 MB and 40 megapixels, and decodes completely. The pixel count is read from the
file's header before any decoding, so a decompression bomb is refused without being unpacked.
Accepted images are re-encoded without metadata (EXIF, GPS position, XMP, text chunks), turned
upright first if the camera only recorded the orientation, and WebP renditions are made once at
up to three widths (never larger than the original) for `srcset`.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import models
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow name -> file extensions we accept for it (the first is the one we store).
FORMATS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}
EXTENSIONS = {extension for extensions in FORMATS.values() for extension in extensions}
RENDITION_WIDTHS = (480, 800, 1200)
RENDITION_QUALITY = 80
# The spotlight's width in the page layout (static/css/site.css: full width on phones, the
# right-hand 2/5 of the 72rem column from 48rem up).
SPOTLIGHT_SIZES = (
    "(min-width: 72rem) 27rem, (min-width: 48rem) calc(40vw - 2rem), calc(100vw - 2rem)"
)

MESSAGES = {
    "too_big": "This file is {size}; spotlight images can be at most 10 MB. Export a smaller "
    "version (2,000 pixels wide is plenty) and upload that.",
    "extension": "“.{extension}” files are not accepted. Upload a JPEG, PNG or WebP image.",
    "not_an_image": "This file is not a JPEG, PNG or WebP image, whatever its name says (for "
    "example a PDF renamed to .png). Open it in an image editor and export it as JPEG, PNG or "
    "WebP.",
    "too_many_pixels": "This image is {width:,} by {height:,} pixels ({megapixels} megapixels); "
    "spotlight images can be at most 40 megapixels. Resize it and upload it again.",
    "bomb": "This image claims to be far too large to open safely; spotlight images can be at "
    "most 40 megapixels. Resize it and upload it again.",
    "damaged": "This image file is damaged or incomplete (perhaps it did not finish "
    "downloading). Open it in an image editor, save it again and upload the new file.",
}


def _refuse(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code].format(**params), code=code)


def _open(file) -> Image.Image:
    """Read the header only (no decoding): Pillow's own bomb check and our format list apply."""
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(file, formats=list(FORMATS))
        except Image.DecompressionBombError:
            raise _refuse("bomb") from None
        except Exception:
            raise _refuse("not_an_image") from None


def checked_image(file: File) -> Image.Image:
    """The decoded image in `file`, or a ValidationError that tells a counselor what to do.

    The result is cached on the file object, so the form, the model validator and the save do
    the work once.
    """
    cached = getattr(file, "_checked_image", None)
    if cached is not None:
        return cached
    if file.size is not None and file.size > MAX_BYTES:
        raise _refuse("too_big", size=f"{file.size / 1024 / 1024:.1f} MB")
    extension = PurePosixPath(file.name or "").suffix.lower().lstrip(".")
    if extension not in EXTENSIONS:
        raise _refuse("extension", extension=extension or "(no extension)")
    image = _open(file)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _refuse(
            "too_many_pixels",
            width=width,
            height=height,
            megapixels=round(width * height / 1_000_000),
        )
    try:
        image.verify()  # structure and checksums; the image cannot be used afterwards
        image = _open(file)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()  # a truncated file fails here
    except ValidationError:
        raise
    except Exception:
        raise _refuse("damaged") from None
    file._checked_image = image
    return image


def validate_spotlight_image(value) -> None:
    """Model-level check of a new upload (stored files were checked when they were uploaded)."""
    if value and not getattr(value, "_committed", True):
        checked_image(value.file)


class SpotlightImageFormField(forms.ImageField):
    """Django's ImageField with our rules and messages instead of its generic one."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        image = checked_image(upload)
        upload.image = image
        upload.content_type = Image.MIME.get(image.format)
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class SpotlightImageField(models.ImageField):
    """An ImageField that accepts only what `checked_image` accepts, in forms and in
    `full_clean()` alike."""

    default_validators = [validate_spotlight_image]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SpotlightImageFormField, **kwargs})


# --------------------------------------------------------------------------- cleaning


def _without_metadata(image: Image.Image) -> Image.Image:
    """An upright copy of `image` that carries only what drawing it needs (colour profile and
    palette transparency), none of the camera's metadata."""
    upright = ImageOps.exif_transpose(image)
    keep = {key: image.info[key] for key in ("icc_profile", "transparency") if key in image.info}
    clean = upright.copy() if upright is image else upright
    clean.info = keep
    return clean


def clean_upload(file: File) -> tuple[ContentFile, Image.Image]:
    """The upload re-encoded in its own format without metadata, and the clean image."""
    image = checked_image(file)
    format = image.format
    clean = _without_metadata(image)
    params: dict = {}
    if "icc_profile" in clean.info:
        params["icc_profile"] = clean.info["icc_profile"]
    if format == "JPEG":
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        params.update(quality=88, optimize=True)
    elif format == "PNG":
        if "transparency" in clean.info:
            params["transparency"] = clean.info["transparency"]
        params.update(optimize=True)
    else:  # WEBP
        if clean.mode not in ("RGB", "RGBA"):
            clean = clean.convert("RGBA" if _has_alpha(clean) else "RGB")
        params.update(quality=85, method=4)
    buffer = io.BytesIO()
    clean.save(buffer, format, **params)
    stem = PurePosixPath(file.name).stem or "spotlight"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{FORMATS[format][0]}"), clean


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


# --------------------------------------------------------------------------- renditions


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int


def rendition_widths(original_width: int) -> list[int]:
    """Up to three widths, never wider than the original (then the original width is the
    largest)."""
    widths = [w for w in RENDITION_WIDTHS if w < original_width]
    if original_width <= RENDITION_WIDTHS[-1]:
        widths.append(original_width)
    return widths[-len(RENDITION_WIDTHS) :]


def rendition_name(source_name: str, width: int) -> str:
    """renditions/<the original's path without extension>-<width>w.webp"""
    path = PurePosixPath(source_name)
    return str(PurePosixPath("renditions") / path.parent / f"{path.stem}-{width}w.webp")


def make_renditions(source_name: str, image: Image.Image, storage: Storage) -> dict:
    """WebP copies of `image` at `rendition_widths`, saved next to each other in `storage`.

    Files that already exist are kept (made once). Returns what `Occupation.spotlight_renditions`
    stores: the source name and [name, width, height] per rendition, smallest first.
    """
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    renditions = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        name = rendition_name(source_name, width)
        if not storage.exists(name):
            resized = (
                image if width == image.width else image.resize((width, height), Image.LANCZOS)
            )
            buffer = io.BytesIO()
            resized.save(buffer, "WEBP", quality=RENDITION_QUALITY, method=4)
            name = storage.save(name, ContentFile(buffer.getvalue()))
        renditions.append([name, width, height])
    return {"source": source_name, "renditions": renditions}


def renditions_for_stored(source_name: str, storage: Storage) -> dict:
    """Renditions of an image already in storage (demo content, imports, restored versions).

    A missing or unreadable file yields no renditions: the page then shows the original.
    """
    try:
        with storage.open(source_name, "rb") as file:
            image = checked_image(File(file, name=source_name))
            return make_renditions(source_name, image, storage)
    except (OSError, ValidationError) as error:
        logger.warning("No renditions for %s: %s", source_name, error)
        return {}
