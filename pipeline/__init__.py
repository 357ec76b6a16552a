"""delib: deliberation PDFs -> warehouse data."""
