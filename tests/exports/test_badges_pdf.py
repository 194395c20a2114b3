"""Badge PDFs checked as a person would: scan every QR, search the names, inspect the file."""

from __future__ import annotations

import pytest

from eventdesk.domain.signing import new_key_pair
from eventdesk.domain.tokens import TokenStatus, check_token
from eventdesk.exports.badges.batch import SigningEvent, write_badge_pdf
from eventdesk.exports.badges.errors import BadgeError
from eventdesk.exports.badges.layouts import all_layouts
from eventdesk.exports.badges.options import BadgeOptions
from eventdesk.exports.badges.render import BadgeData
from tests.exports.badge_pdf_checks import assert_fonts_embedded, decode_pages, pdf_text, qpdf_check

PEOPLE = [
    ("Nguyễn Thị Minh", "Khai", "Đại học Y Hà Nội", "visitor"),
    ("Ελένη", "Παπαδοπούλου", "Πανεπιστήμιο Αθηνών", "speaker"),
    ("Анна", "Кузнецова", "Институт биологии", "exhibitor"),
    ("Søren", "Ødegård", "Nordvik Diagnostics A/S", "press"),
    (
        "Maximiliane-Konstanze",
        "von Wolfeschlegelsteinhausen-Bergerdorff",
        "Boehringer Ingelheim GmbH",
        "organiser",
    ),
    ("Zoë", "Çelik-Jørgensen", "Genmab", "visitor"),
    ("Łukasz", "Wróblewski", "Uniwersytet Gdański", "exhibitor"),
    ("", "", "Janssen Pharmaceutica", "visitor"),
    ("Ana", "Ruiz", "", "speaker"),
    ("Jo", "Li", "Leo Pharma", "visitor"),
]


@pytest.fixture(scope="module")
def keys():
    return new_key_pair()


@pytest.fixture(scope="module")
def event(keys):
    return SigningEvent(name="Life Science Career Day Utrecht", code="7KQ2XM", private_key=keys.private_raw)


def badges(count: int, first_id: int = 101) -> list[BadgeData]:
    return [BadgeData(first_id + i, 1 + i % 3, *PEOPLE[i % len(PEOPLE)]) for i in range(count)]


def verify(token: str, keys) -> tuple[int, int]:
    result = check_token(token, event_code="7KQ2XM", public_key=keys.public_raw)
    assert result.status is TokenStatus.VALID, token
    return result.token.serial, result.token.version


@pytest.mark.parametrize("layout", list(all_layouts()))
def test_every_qr_on_every_layout_scans_and_names_the_right_badge(tmp_path, keys, event, layout):
    spec = all_layouts()[layout]
    wanted = badges(spec.badges_per_page + 1)  # a full page and one more
    pdf = tmp_path / f"{layout}.pdf"
    write_badge_pdf(output=pdf, badges=wanted, event=event, options=BadgeOptions(layout=layout), processes=1)
    pages = decode_pages(pdf)
    assert len(pages) == 2
    copies = 2 if spec.fold_over else 1
    found = sorted(verify(token, keys) for page in pages for token in page)
    assert found == sorted((b.attendee_id, b.version) for b in wanted for _ in range(copies))
    qpdf_check(pdf)
    assert_fonts_embedded(pdf)


def test_names_in_any_european_script_are_real_text_in_the_pdf(tmp_path, event):
    pdf = tmp_path / "names.pdf"
    result = write_badge_pdf(output=pdf, badges=badges(len(PEOPLE)), event=event, options=BadgeOptions())
    text = " ".join(pdf_text(pdf).split())  # a long organisation may be wrapped onto two lines
    for word in (
        "Nguyễn",
        "Khai",
        "Đại học Y Hà Nội",
        "Ελένη",
        "Παπαδοπούλου",
        "Анна",
        "Кузнецова",
        "Ødegård",
    ):
        assert word in text, word
    for word in ("Wróblewski", "Łukasz", "Çelik", "Zoë", "Janssen Pharmaceutica"):
        assert word in text, word
    assert result.notes[0].attendee_id == 108  # the attendee without a name, and only them
    assert [n.attendee_id for n in result.notes] == [108]
    assert "organisation" in result.notes[0].messages[0]


def test_a_character_no_bundled_font_has_is_reported_for_that_attendee(tmp_path, event):
    people = [
        BadgeData(1, 1, "李", "小龙", "BGI Genomics", "visitor"),
        BadgeData(2, 1, "Hayk", "Հակոբյան", "", "visitor"),
    ]
    result = write_badge_pdf(output=tmp_path / "cjk.pdf", badges=people, event=event, options=BadgeOptions())
    assert [n.attendee_id for n in result.notes] == [1]  # Armenian prints through the fallback font
    message = result.notes[0].messages[0]
    assert "李" in message and "U+674E" in message
    assert "Հակոբյան" in pdf_text(tmp_path / "cjk.pdf")


def test_the_event_logo_is_embedded_once(tmp_path, event):
    from io import BytesIO

    from PIL import Image

    logo = BytesIO()
    Image.new("RGB", (300, 120), "#0A7E8C").save(logo, format="PNG")
    branded = SigningEvent(event.name, event.code, event.private_key, logo=logo.getvalue())
    pdf = tmp_path / "logo.pdf"
    write_badge_pdf(output=pdf, badges=badges(20), event=branded, options=BadgeOptions())
    assert pdf.read_bytes().count(b"/Subtype /Image") == 1
    assert len(decode_pages(pdf)) == 20


def test_a_logo_that_is_not_an_image_is_a_clear_error(tmp_path, event):
    fake = tmp_path / "logo.png"
    fake.write_text("this is not a picture")
    with pytest.raises(BadgeError, match=r"logo .*logo\.png is not an image"):
        write_badge_pdf(
            output=tmp_path / "x.pdf",
            badges=badges(1),
            event=event,
            options=BadgeOptions(logo_path=str(fake)),
        )
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(BadgeError, match="cannot be read"):
        write_badge_pdf(
            output=tmp_path / "x.pdf",
            badges=badges(1),
            event=event,
            options=BadgeOptions(logo_path=str(tmp_path / "no.png")),
        )


def test_an_unknown_layout_is_a_clear_error(tmp_path, event):
    with pytest.raises(BadgeError, match="Unknown badge layout 'a5-giant'; choose one of: a6-portrait"):
        write_badge_pdf(
            output=tmp_path / "x.pdf", badges=badges(1), event=event, options=BadgeOptions(layout="a5-giant")
        )


def test_workers_and_a_single_process_make_the_same_badges(tmp_path, keys, event):
    wanted = badges(700)
    parallel = tmp_path / "parallel.pdf"
    result = write_badge_pdf(output=parallel, badges=wanted, event=event, options=BadgeOptions(), processes=2)
    assert result.processes == 2 and result.pages == 700
    pages = decode_pages(parallel, dpi=100)
    assert [verify(page[0], keys) for page in pages] == [(b.attendee_id, b.version) for b in wanted]
    assert parallel.stat().st_size / result.pages < 3 * 1024
    assert_fonts_embedded(parallel)


def test_crop_marks_are_drawn_only_outside_the_badges(tmp_path, event):
    import pypdfium2

    options = BadgeOptions(
        layout="a4-10x-label-90x54", crop_marks=True, show_role_band=False, show_event_name=False
    )
    pdf = tmp_path / "crop.pdf"
    write_badge_pdf(output=pdf, badges=badges(10), event=event, options=options)
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil().convert("L")
    dpmm = 2 * 72 / 25.4
    # The 2 × 5 labels of 90 × 54 leave 15 mm left and right and 13.5 mm top and bottom.
    margin_left = image.crop((0, 0, int(13 * dpmm), image.height))
    assert margin_left.getextrema()[0] < 128, "no crop mark in the left margin"
    without = tmp_path / "plain.pdf"
    write_badge_pdf(
        output=without,
        badges=badges(10),
        event=event,
        options=BadgeOptions(**{**options.to_dict(), "crop_marks": False}),
    )
    plain = pypdfium2.PdfDocument(without)[0].render(scale=2).to_pil().convert("L")
    assert plain.crop((0, 0, int(13 * dpmm), plain.height)).getextrema()[0] == 255


def test_a_cancelled_batch_writes_nothing(tmp_path, event):
    from eventdesk.domain.errors import Cancelled
    from eventdesk.domain.progress import Progress

    seen = []

    def cancel_after_first(done, total, message):
        seen.append(done)

    progress = Progress(cancel_after_first, is_cancelled=lambda: len(seen) > 1)
    with pytest.raises(Cancelled):
        write_badge_pdf(
            output=tmp_path / "c.pdf",
            badges=badges(3000),
            event=event,
            options=BadgeOptions(),
            progress=progress,
        )
    assert not (tmp_path / "c.pdf").exists()


def test_a_preview_is_one_badge_as_png_that_scans(keys, event):
    from io import BytesIO

    import zxingcpp
    from PIL import Image

    from eventdesk.exports.badges.preview import render_badge_png

    options = BadgeOptions(layout="a4-10x-label-90x54")
    png = render_badge_png(badge=badges(1)[0], event=event, options=options, dpi=150)
    image = Image.open(BytesIO(png))
    width, height = (round(mm / 25.4 * 150) for mm in (90, 54))  # the label, not the A4 sheet
    assert abs(image.size[0] - width) <= 1 and abs(image.size[1] - height) <= 1
    (found,) = zxingcpp.read_barcodes(image)
    assert verify(found.text, keys) == (101, 1)
