"""Stage 5, export: the document model → JSON (``Document.to_json``), a text outline, Akoma Ntoso XML."""
