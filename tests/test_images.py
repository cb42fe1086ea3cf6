"""Spotlight images: only sound JPEG, PNG and WebP files get in, without their metadata, and
pages serve them as responsive WebP renditions."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import ExifTags, Image

from occupations.models import Occupation
from tests.html import form_data, soup

SONOGRAPHER = "diagnostic-medical-sonographer"


def image_bytes(format: str = "PNG", size=(40, 25), mode="RGB", **params) -> bytes:
    buffer = io.BytesIO()
    image = Image.new(mode, size, "teal")
    image.putpixel((0, 0), (200, 30, 30) if mode == "RGB" else 0)
    image.save(buffer, format, **params)
    return buffer.getvalue()


def noisy_jpeg(size=(200, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header says it is width x height (what a decompression bomb does)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def change_url(occupation: Occupation) -> str:
    return reverse("admin:occupations_occupation_change", args=[occupation.pk])


def upload(client, name: str, content: bytes, alt: str = "A teal test card."):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    url = change_url(occupation)
    data = form_data(soup(client.get(url)), "#content-main form")
    data.update(
        {
            "spotlight_image": SimpleUploadedFile(name, content),
            "spotlight_image_alt": alt,
        }
    )
    return client.post(url, data)


def field_errors(response, field: str) -> str:
    element = soup(response).select_one(f".field-{field} .errorlist")
    return element.get_text(" ", strip=True) if element else ""


def stored_uploads() -> list[str]:
    if not default_storage.exists("spotlights"):
        return []
    return default_storage.listdir("spotlights")[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "format", "stored_as"),
    [("job.jpg", "JPEG", ".jpg"), ("job.png", "PNG", ".png"), ("job.webp", "WEBP", ".webp")],
)
def test_jpeg_png_and_webp_are_accepted(client, demo, alice, name, format, stored_as):
    client.force_login(alice)

    response = upload(client, name, image_bytes(format, size=(64, 40)))

    assert response.status_code == 302
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    assert occupation.spotlight_image.name.startswith("spotlights/job")
    assert occupation.spotlight_image.name.endswith(stored_as)
    assert (occupation.spotlight_image_width, occupation.spotlight_image_height) == (64, 40)
    with default_storage.open(occupation.spotlight_image.name) as file:
        assert Image.open(file).format == format


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("brochure.pdf", PDF, "“.pdf” files are not accepted. Upload a JPEG, PNG or WebP image."),
        ("photo.png", PDF, "This file is not a JPEG, PNG or WebP image, whatever its name says"),
        ("anim.png", image_bytes("GIF"), "This file is not a JPEG, PNG or WebP image"),
        ("photo.tiff", image_bytes("TIFF"), "“.tiff” files are not accepted"),
        ("photo.jpg", noisy_jpeg()[:2500], "This image file is damaged or incomplete"),
        ("photo.png", image_bytes("PNG", size=(300, 200))[:300], "damaged or incomplete"),
        (
            "huge.png",
            png_claiming(8000, 6000),
            "This image is 8,000 by 6,000 pixels (48 megapixels); spotlight images can be at "
            "most 40 megapixels.",
        ),
        ("bomb.png", png_claiming(100_000, 100_000), "far too large to open safely"),
        ("big.png", png_claiming(10, 10) + b"\0" * (10 * 1024 * 1024), "at most 10 MB"),
    ],
    ids=[
        "pdf",
        "renamed-pdf",
        "gif-renamed-png",
        "tiff",
        "truncated-jpeg",
        "truncated-png",
        "over-40-megapixels",
        "decompression-bomb",
        "over-10-mb",
    ],
)
def test_anything_else_is_refused_with_a_clear_message(client, demo, alice, name, content, message):
    client.force_login(alice)
    before = Occupation.objects.get(slug=SONOGRAPHER).spotlight_image.name

    response = upload(client, name, content)

    assert response.status_code == 200
    assert message in field_errors(response, "spotlight_image")
    assert Occupation.objects.get(slug=SONOGRAPHER).spotlight_image.name == before
    assert stored_uploads() == []


@pytest.mark.django_db
def test_the_model_refuses_a_bad_file_without_the_form(demo):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    occupation.spotlight_image = SimpleUploadedFile("photo.png", PDF)

    with pytest.raises(ValidationError, match="not a JPEG, PNG or WebP image"):
        occupation.full_clean()
    with pytest.raises(ValidationError, match="not a JPEG, PNG or WebP image"):
        occupation.save()
    assert stored_uploads() == []


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (35.0, 13.0, 37.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (80.0, 50.0, 35.0),
    }
    return exif


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["JPEG", "WEBP", "PNG"])
def test_location_and_camera_metadata_are_removed(client, demo, alice, format):
    original = image_bytes(format, size=(60, 40), exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    client.force_login(alice)

    response = upload(client, f"phone.{format.lower()}", original)

    assert response.status_code == 302
    name = Occupation.objects.get(slug=SONOGRAPHER).spotlight_image.name
    with default_storage.open(name) as file:
        stored = file.read()
    image = Image.open(io.BytesIO(stored))
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert b"PhoneMaker" not in stored


@pytest.mark.django_db
def test_a_sideways_photo_is_stored_upright(client, demo, alice):
    client.force_login(alice)
    sideways = image_bytes("JPEG", size=(60, 40), exif=gps_exif(orientation=6))

    upload(client, "sideways.jpg", sideways)

    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    assert (occupation.spotlight_image_width, occupation.spotlight_image_height) == (40, 60)


@pytest.mark.django_db
def test_png_text_chunks_are_removed(client, demo, alice):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "Taken at 123 Main St")
    client.force_login(alice)

    upload(client, "notes.png", image_bytes("PNG", pnginfo=info))

    name = Occupation.objects.get(slug=SONOGRAPHER).spotlight_image.name
    with default_storage.open(name) as file:
        assert b"Main St" not in file.read()


@pytest.mark.django_db
def test_renditions_are_made_once_and_served_with_srcset(client, demo, alice):
    client.force_login(alice)
    upload(client, "wide.png", image_bytes("PNG", size=(1600, 1000)))
    occupation = Occupation.objects.get(slug=SONOGRAPHER)

    renditions = occupation.spotlight_renditions["renditions"]
    assert [(width, height) for _, width, height in renditions] == [
        (480, 300),
        (800, 500),
        (1200, 750),
    ]
    for name, width, height in renditions:
        with default_storage.open(name) as file:
            image = Image.open(file)
            assert (image.format, image.size) == ("WEBP", (width, height))
    modified = [default_storage.get_modified_time(name) for name, _, _ in renditions]

    client.logout()
    page = soup(client.get(occupation.get_metro_url(occupation_metro())))
    img = page.select_one("img.spotlight__image")
    assert img["src"] == occupation.spotlight_image.url
    assert img["srcset"] == ", ".join(f"/media/{name} {width}w" for name, width, _ in renditions)
    assert img["sizes"].startswith("(min-width: 72rem)")
    assert (img["width"], img["height"]) == ("1600", "1000")
    assert img.get("loading") != "lazy"  # above the fold on desktop
    assert img["alt"] == "A teal test card."

    # Saving again (another field) does not make them again.
    Occupation.objects.get(pk=occupation.pk).save()
    assert Occupation.objects.get(pk=occupation.pk).spotlight_renditions["renditions"] == renditions
    assert [default_storage.get_modified_time(name) for name, _, _ in renditions] == modified


def occupation_metro():
    from occupations.models import Area

    return Area.objects.default_metro()


@pytest.mark.django_db
def test_small_images_are_never_enlarged(client, demo, alice):
    client.force_login(alice)

    upload(client, "small.png", image_bytes("PNG", size=(300, 200)))

    renditions = Occupation.objects.get(slug=SONOGRAPHER).spotlight_renditions["renditions"]
    assert [(width, height) for _, width, height in renditions] == [(300, 200)]


@pytest.mark.django_db
def test_demo_images_render_without_renditions_and_get_them_from_the_command(client, demo):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    url = occupation.get_metro_url(occupation_metro())
    img = soup(client.get(url)).select_one("img.spotlight__image")
    assert img["src"] == "/media/demo/diagnostic-medical-sonographer.webp"
    assert not img.has_attr("srcset")
    assert (img["width"], img["height"]) == ("960", "600")

    call_command("make_renditions", verbosity=0)

    img = soup(client.get(url)).select_one("img.spotlight__image")
    assert img["src"] == "/media/demo/diagnostic-medical-sonographer.webp"
    assert [candidate.split()[1] for candidate in img["srcset"].split(", ")] == [
        "480w",
        "800w",
        "960w",
    ]
    assert "/media/renditions/demo/diagnostic-medical-sonographer-480w.webp 480w" in img["srcset"]
    history_before = Occupation.history.count()
    call_command("make_renditions", verbosity=0)  # nothing left to do, and no history noise
    assert Occupation.history.count() == history_before


@pytest.mark.django_db
def test_admin_shows_a_thumbnail_of_the_image(client, demo, alice):
    client.force_login(alice)
    upload(client, "wide.png", image_bytes("PNG", size=(1000, 625)))
    occupation = Occupation.objects.get(slug=SONOGRAPHER)

    page = soup(client.get(change_url(occupation)))

    thumbnail = page.select_one(".field-spotlight_preview img")
    smallest = occupation.spotlight_renditions["renditions"][0][0]
    assert thumbnail["src"] == f"/media/{smallest}"
    assert thumbnail["alt"] == "A teal test card."
    assert page.select_one("input[name=spotlight_image]")["accept"] == (
        "image/jpeg,image/png,image/webp"
    )


@pytest.mark.django_db
def test_alt_text_is_required_with_an_image_and_said_beside_the_field(client, demo, alice):
    client.force_login(alice)

    response = upload(client, "job.png", image_bytes("PNG"), alt="  ")

    assert response.status_code == 200
    assert "required whenever there is an image" in field_errors(response, "spotlight_image_alt")
    assert stored_uploads() == []
