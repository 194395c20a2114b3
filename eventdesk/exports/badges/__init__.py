"""Badge PDFs: layouts, fonts, signed QR codes and the batch writer (no database, no Qt)."""
