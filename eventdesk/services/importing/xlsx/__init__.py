"""Reading an .xlsx workbook as a stream of sparse rows, within limits checked before reading.

openpyxl's read-only mode trusts the workbook about itself: it pads every row to the width
its `<dimension>` claims (one cell at XFD1048576 makes every row 16,384 cells), keeps every
parsed row element of a sheet until the end (100 million empty rows fill the memory), and
loads the whole shared-strings table whatever its size. This package reads the same OOXML
parts itself, streaming, and refuses a workbook whose ZIP directory announces more than an
import can need before any of it is decompressed. It still uses openpyxl for what openpyxl
knows well: which number formats are dates, and Excel's serial date arithmetic.

Every problem is an `ImportFileError` with one sentence naming the file and, where known, the
sheet and the cell.
"""

from eventdesk.services.importing.xlsx.book import XlsxBook, XlsxSheet
from eventdesk.services.importing.xlsx.limits import XLSX_LIMITS, XlsxLimits

__all__ = ["XLSX_LIMITS", "XlsxBook", "XlsxLimits", "XlsxSheet"]
