"""Files people take away: PDFs (reportlab), CSV/XLSX, iCalendar."""
