"""Keep the catalogues in step with the code: `python -m eventdesk.i18n.catalogues update|compile|check`.

- `update` extracts every marked message (core `_`/`gettext`/`ngettext`/`pgettext`/`N_`/
  `message`, Qt `tr`/`translate`/`QT_TRANSLATE_NOOP` and the UI's `_tr` helpers) into
  `resources/translations/eventdesk.pot`, merges it into each language's `.po` (new messages
  empty, removed ones dropped, never fuzzy-matched: a guessed translation is worse than none)
  and compiles the `.mo` files the app loads.
- `compile` only compiles.
- `check` (CI) fails when the template is stale, a message is untranslated, fuzzy or obsolete,
  a translation's placeholders differ from the source's (`{name}`, `%n`, `%1`), a `.po` does
  not compile or its committed `.mo` is not what it compiles to.

Babel is the tool here (it is what the runtime formats dates with, too); the runtime itself
reads the `.mo` files with the standard library's gettext.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from eventdesk.i18n.catalog import DOMAIN, catalog_dir
from eventdesk.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# Babel keyword specs: argument positions of the message (and 'c' the context), per call arity.
KEYWORDS: dict[str, object] = {
    "_": None,
    "gettext": None,
    "N_": None,
    "C_": ((1, "c"), 2),
    "message": None,
    "ngettext": (1, 2),
    "plural_message": (1, 2),
    "pgettext": ((1, "c"), 2),
    "tr": {1: (1,), 2: (1, (2, "c")), 3: (1,)},
    "translate": {2: (2,), 3: (2, (3, "c")), 4: (2,)},
    "QT_TRANSLATE_NOOP": (2,),
    "QT_TR_NOOP": None,
    "_tr": {1: (1,), 2: (2,)},
    "_say": (1,),
}

# Plural rules as the catalogues state them. French: singular for 0 and 1 ("0 badge
# imprimé"); CLDR's third form for round millions is left out, no count here gets there.
PLURAL_FORMS = {
    "nl": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "da": "nplurals=2; plural=(n != 1);",
    "sv": "nplurals=2; plural=(n != 1);",
}

# Header dates stay put, so a catalogue changes only when a message does (merges stay clean).
_FIXED_DATE = datetime(2026, 12, 1, tzinfo=UTC)
TARGET_LANGUAGES = tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%n|%L?\d")


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted: a translation may reorder them, not change them."""
    return sorted(_PLACEHOLDER.findall(text))


def _edges(text: str) -> tuple[bool, bool]:
    return (text[:1].isspace(), text[-1:].isspace())


def _uncounted(found: list[str]) -> list[str]:
    return [placeholder for placeholder in found if placeholder not in ("{n}", "%n")]


def extract(root: Path = PACKAGE_DIR) -> Catalog:
    template = Catalog(project="eventdesk", domain=DOMAIN, fuzzy=False, creation_date=_FIXED_DATE)
    for filename, _lineno, msgid, comments, context in extract_from_dir(
        str(root),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,  # type: ignore[arg-type]
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        path = f"eventdesk/{filename}"
        if isinstance(msgid, tuple | list) and "%n" in msgid[0] and len(msgid) == 1:
            msgid = (msgid[0], msgid[0])
        elif isinstance(msgid, str) and "%n" in msgid:
            # A Qt plural (`tr("%n rows", "", n)`): the catalogue gives it plural forms.
            msgid = (msgid, msgid)
        template.add(msgid, locations=[(path, 0)], auto_comments=comments, context=context)
    _add_layout_titles(template, root)
    return template


def _add_layout_titles(template: Catalog, root: Path) -> None:
    """The badge layouts' titles live in a JSON resource; the window shows them translated."""
    presets = root.parent / "resources" / "badge_layouts" / "presets.json"
    if not presets.exists():
        return
    for layout in json.loads(presets.read_text("utf-8")).get("layouts", []):
        if layout.get("title"):
            template.add(
                layout["title"],
                locations=[("resources/badge_layouts/presets.json", 0)],
                auto_comments=["A badge layout's name, shown in the layout list."],
            )


def po_path(language: str) -> Path:
    return catalog_dir() / f"{language}.po"


def mo_path(language: str) -> Path:
    return catalog_dir() / f"{language}.mo"


def template_path() -> Path:
    return catalog_dir() / f"{DOMAIN}.pot"


def _write_po(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, ignore_obsolete=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _new_catalog(language: str, template: Catalog) -> Catalog:
    catalog = Catalog(locale=language, domain=DOMAIN, project="eventdesk", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    return catalog


def _stamp(catalog: Catalog, language: str) -> None:
    # Fixed header dates: the files change only when a message does, not on each run.
    catalog.revision_date = catalog.creation_date
    rule = PLURAL_FORMS[language]
    catalog._num_plurals = int(rule.split(";")[0].split("=")[1])  # type: ignore[assignment]
    catalog._plural_expr = rule.split("plural=")[1].rstrip(";")  # type: ignore[assignment]


def update(languages: Iterable[str] = TARGET_LANGUAGES) -> None:
    template = extract()
    _write_po(template, template_path())
    for language in languages:
        path = po_path(language)
        catalog = _read(path, language) if path.exists() else _new_catalog(language, template)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        _stamp(catalog, language)
        _write_po(catalog, path)
    compile_all(languages)


def compile_all(languages: Iterable[str] = TARGET_LANGUAGES) -> None:
    for language in languages:
        catalog = _read(po_path(language), language)
        mo_path(language).write_bytes(_compiled(catalog))


def problems(languages: Iterable[str] = TARGET_LANGUAGES) -> list[str]:
    """Every reason the catalogues are not ready to ship, one sentence each."""
    found: list[str] = []
    template = extract()
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    try:
        committed = _read(template_path())
    except OSError:
        return [f"{template_path()} is missing; run `python -m eventdesk.i18n.catalogues update`."]
    have = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in committed if m.id}
    for msgid, _context in sorted(wanted - have, key=str):
        found.append(f"eventdesk.pot lacks {msgid!r}; run the update.")
    for msgid, _context in sorted(have - wanted, key=str):
        found.append(f"eventdesk.pot still has {msgid!r}, which the code no longer uses; run the update.")
    for language in languages:
        found.extend(_language_problems(language, wanted))
    return found


def _language_problems(language: str, wanted: set[tuple[str, str | None]]) -> list[str]:
    name = f"{language}.po"
    try:
        catalog = _read(po_path(language), language)
    except OSError:
        return [f"{name} is missing."]
    except Exception as error:
        return [f"{name} does not parse: {error}."]
    found: list[str] = []
    if catalog.plural_forms != PLURAL_FORMS[language].rstrip(";") and (
        catalog.num_plurals != int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
    ):
        found.append(f"{name} has Plural-Forms {catalog.plural_forms!r}, not {PLURAL_FORMS[language]!r}.")
    if catalog.obsolete:
        found.extend(f"{name}: obsolete message {key!r} (#~); run the update." for key in catalog.obsolete)
    seen: set[tuple[str, str | None]] = set()
    for entry in catalog:
        if not entry.id:
            continue
        key_id = entry.id if isinstance(entry.id, str) else entry.id[0]
        key = (key_id, entry.context)
        seen.add(key)
        if key not in wanted:
            found.append(f"{name}: {key_id!r} is no longer in the code; run the update.")
            continue
        if entry.fuzzy:
            found.append(f"{name}: {key_id!r} is marked fuzzy.")
        strings = list(entry.string) if isinstance(entry.string, tuple | list) else [entry.string]
        if not all(strings) or len(strings) < (catalog.num_plurals if entry.pluralizable else 1):
            found.append(f"{name}: {key_id!r} is not translated.")
            continue
        sources = list(entry.id) if isinstance(entry.id, tuple | list) else [entry.id]
        expected = placeholders(str(sources[-1]))
        for index, translated in enumerate(strings):
            got = placeholders(str(translated))
            if got == expected:
                continue
            # A singular form may leave the count out ("un badge", "ein Badge"); no other change.
            if entry.pluralizable and index < len(strings) - 1 and _uncounted(got) == _uncounted(expected):
                continue
            found.append(f"{name}: {key_id!r} has placeholders {got}, the source has {expected}.")
        for translated in strings:
            # Leading and trailing spaces join a fragment to its neighbour ("{count} · " …).
            if _edges(str(translated)) != _edges(str(sources[-1])):
                found.append(f"{name}: {key_id!r} does not start and end with the spaces of its source.")
                break
    for key_id, _context in sorted(wanted - seen, key=str):
        found.append(f"{name}: {key_id!r} is missing; run the update.")
    try:
        compiled = _compiled(catalog)
    except Exception as error:
        return [*found, f"{name} does not compile: {error}."]
    try:
        if mo_path(language).read_bytes() != compiled:
            found.append(f"{language}.mo is not what {name} compiles to; run the compile.")
    except OSError:
        found.append(f"{language}.mo is missing; run the compile.")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventdesk.i18n.catalogues", description=__doc__.split("\n")[0]
    )
    parser.add_argument("action", choices=("update", "compile", "check"))
    parser.add_argument("--lang", action="append", choices=TARGET_LANGUAGES, help="only this language")
    args = parser.parse_args(argv)
    languages = tuple(args.lang or TARGET_LANGUAGES)
    if args.action == "update":
        update(languages)
        return 0
    if args.action == "compile":
        compile_all(languages)
        return 0
    found = problems(languages)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} problems in the catalogues.", file=sys.stderr)
        return 1
    print(f"catalogues complete: {', '.join(languages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
