"""Image helpers: format sniffing, orientation geometry, redaction."""
