"""Parsing a workbook's XML safely, and saying in one sentence what was wrong with it.

defusedxml refuses document type declarations (none of the OOXML parts has one, and they are
how billion-laughs and external-entity attacks get in) before expat would expand anything.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from typing import IO
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as _fromstring

from eventdesk.i18n import _
from eventdesk.services.importing.errors import ImportFileError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# The same names as expat reports them with namespace processing ("uri}local").
MAIN_NAME = MAIN[1:]
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Everything a reader of bad bytes can raise: a ZIP with a bad CRC or a cut-off stream,
# XML that is not well formed or declares entities, numbers and indexes that are not.
BAD_BYTES = (
    zipfile.BadZipFile,
    zlib.error,
    expat.ExpatError,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ParseError,
    DefusedXmlException,
    KeyError,
    ValueError,
    IndexError,
    OverflowError,
    TypeError,
    UnicodeError,
    NotImplementedError,  # a compression method zipfile does not have
    RuntimeError,  # an encrypted member
)


def describe(error: BaseException) -> str:
    """A short, single-line reason for the end of the sentence."""
    if isinstance(error, DefusedXmlException):
        return _("it declares XML entities or a DTD, which a workbook never does")
    if isinstance(error, ParseError | expat.ExpatError):
        return _("its XML is broken ({problem})", problem=" ".join(str(error).split()))
    if isinstance(error, zipfile.BadZipFile | EOFError | zlib.error):
        return _("the ZIP data is damaged ({problem})", problem=" ".join(str(error).split()))
    if isinstance(error, NotImplementedError | RuntimeError):
        return _("it cannot be unpacked ({problem})", problem=" ".join(str(error).split()))
    text = " ".join(str(error).split())[:120]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def part_error(name: str, part: str, error: BaseException) -> ImportFileError:
    return ImportFileError(
        _(
            "{file} cannot be read as an Excel workbook: in {part}, {problem}.",
            file=name,
            part=part,
            problem=describe(error),
        )
    )


def parse_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Element:
    """A small part (workbook, styles, relationships) as a tree; its size was checked first."""
    with archive.open(info) as stream:
        data = stream.read()
    return _fromstring(data, forbid_dtd=True)


CHUNK = 1 << 16


def _forbid_doctype(name: str, sysid: str | None, pubid: str | None, has_internal_subset: bool) -> None:
    raise DTDForbidden(name, sysid, pubid)


def _forbid_entity(name: str, *args: object) -> None:
    raise EntitiesForbidden(name, None, None, None, None, None)


def _forbid_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> None:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def stream_parser(
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
) -> expat.XMLParserType:
    """A namespace-aware expat parser calling back per element, with every DTD refused.

    The large parts (a sheet, the shared strings) are read this way rather than through
    ElementTree: defusedxml's ElementTree parser is pure Python and costs ten times more per
    element, which is the difference between one second and ten for a big sheet. The same
    protection is set by hand: a document type declaration, an entity declaration or an
    external reference stops the parse, before expat expands anything.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _forbid_doctype
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    return parser


def feed(parser: expat.XMLParserType, stream: IO[bytes]) -> bool:
    """Parse the next chunk; False once the whole part has been parsed."""
    chunk = stream.read(CHUNK)
    parser.Parse(chunk, not chunk)
    return bool(chunk)
