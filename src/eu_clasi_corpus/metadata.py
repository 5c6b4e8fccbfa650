"""The metadata sidecar of a corpus source: ``data/raw/<stem>.meta.json``.

Takes the bytes of a sidecar; gives a :class:`SourceMetadata` (pydantic, so a
malformed sidecar fails with a precise validation error).  A sidecar says what
the source is, where it comes from, what is known about it from outside the
text, and what is only inferred (each inference with its basis and status, so
that no guess passes for a parsed fact).  :func:`sha256_of` is the digest the
sidecar's ``source.sha256`` must carry: SHA-256 of the raw file's bytes.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SIDECAR_SUFFIX = ".meta.json"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceRecord(_Strict):
    """Where the raw text comes from."""

    file: str = Field(description="File name of the raw text in data/raw, '<stem>.txt'")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the raw file's bytes (lower-case hex)")
    origin: str = Field(min_length=1, description="Where the text was obtained")
    extraction: str = Field(min_length=1, description="How the text was extracted from the published document")
    added: datetime.date = Field(description="Date the source was added to the corpus (ISO 8601)")


class Inference(_Strict):
    """A value that is not printed in the text, with why it is believed and how firmly."""

    field: str = Field(min_length=1)
    value: str
    basis: str = Field(min_length=1, description="The evidence the value rests on")
    status: str = Field(min_length=1, description="e.g. 'inference, not parsed fact; confirm against ...'")


class SourceMetadata(_Strict):
    id: str = Field(description="The corpus identifier: the file stem shared by raw, sidecar and parsed files")
    description: str = Field(min_length=1)
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code")
    doc_type: str = Field(min_length=1, description="Normalised document type, as in Document.doc_type")
    source: SourceRecord
    known: dict[str, Any] = Field(default_factory=dict, description="Facts known from outside the text (register, PDF)")
    inferred: list[Inference] = Field(default_factory=list)

    @classmethod
    def from_json(cls, data: str | bytes) -> "SourceMetadata":
        return cls.model_validate_json(data)


def sha256_of(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()

