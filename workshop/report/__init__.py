"""The Dokumentation: one report model, rendered as DOCX, PDF and XLSX."""
