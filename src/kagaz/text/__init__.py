"""Text helpers shared by the document types: layout queries, dates, names and OCR repairs."""
