"""The typed data that flows between pipeline stages, and the engine's result.

A :class:`Document` is created by the load stage and enriched by each later stage; the engine
turns it into an :class:`ExtractResult`, the only thing callers see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field as PydField

__all__ = [
    "Document",
    "ExtractResult",
    "Field",
    "Issue",
    "Page",
    "Status",
    "TextLine",
]

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class TextLine:
    """One line of text read from a page, with its box in the page's (normalised) pixels."""

    text: str
    score: float
    box: BBox
    page: int = 0
    source: str = "ocr"  # "ocr" or "pdf" (text layer)

    @property
    def x0(self) -> float:
        return self.box[0]

    @property
    def y0(self) -> float:
        return self.box[1]

    @property
    def x1(self) -> float:
        return self.box[2]

    @property
    def y1(self) -> float:
        return self.box[3]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass(slots=True)
class Page:
    """One page: its straightened image (None for a PDF page read from its text layer) and lines."""

    index: int
    width: int
    height: int
    image: Image.Image | None = None
    lines: list[TextLine] = field(default_factory=list)
    has_text_layer: bool = False
    rotation: int = 0  # degrees turned counter-clockwise by the normalise stage
    skew: float = 0.0  # degrees removed by deskewing
    ocr: list[Any] = field(default_factory=list)  # raw OcrLine objects, before straightening


class Field(BaseModel):
    """One extracted field: ``{"value": ..., "confidence_score": 0..1}`` on the wire."""

    model_config = ConfigDict(extra="allow")

    value: Any
    confidence_score: float = PydField(ge=0.0, le=1.0)
    page: int | None = PydField(default=None, exclude=True)
    bbox: BBox | None = PydField(default=None, exclude=True)

    def wire(self) -> dict[str, Any]:
        """The Atlas wire form, extra keys (such as ``redact_url``) included."""
        out = self.model_dump(exclude_none=True)
        out["confidence_score"] = round(float(self.confidence_score), 4)
        return out


class Status(StrEnum):
    SUCCESS = "SUCCESS"
    PARTIAL = "PARTIAL"
    FAILED = "FAILED"


@dataclass(slots=True, frozen=True)
class Issue:
    """A problem found while reading one document: data, not an exception."""

    stage: str
    code: str
    message: str
    page: int | None = None


@dataclass
class Document:
    """What the stages pass along: input, pages, type, fields, issues and derived images."""

    data: bytes
    filename: str | None = None
    password: str | None = field(default=None, repr=False)  # for locked PDFs; never stored
    format: str | None = None  # "jpeg", "png", "webp", "tiff", "pdf"
    metadata: dict[str, Any] = field(default_factory=dict)  # PDF producer, dates, encryption
    pages: list[Page] = field(default_factory=list)
    document_type: str | None = None
    type_score: float = 0.0
    fields: dict[str, Field] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # Checks a reviewer would do by hand, by name: {"valid": bool, "message": str, ...details}.
    validations: dict[str, dict[str, Any]] = field(default_factory=dict)
    error_code: str | None = None
    error_message: str | None = None
    artifacts: dict[str, bytes] = field(default_factory=dict)  # e.g. "aadhaar_redacted": PNG
    secrets: dict[str, str] = field(default_factory=dict)  # in memory only, never persisted
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def lines(self) -> list[TextLine]:
        return [line for page in self.pages for line in page.lines]

    def add_issue(self, stage: str, code: str, message: str, page: int | None = None) -> None:
        self.issues.append(Issue(stage, code, message, page))


@dataclass
class ExtractResult:
    """The engine's answer for one input."""

    document_type: str | None
    fields: dict[str, Field]
    status: Status
    error_code: str | None = None
    error_message: str | None = None
    issues: list[Issue] = field(default_factory=list)
    validations: dict[str, dict[str, Any]] = field(default_factory=dict)
    artifacts: dict[str, bytes] = field(default_factory=dict)
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def file_data(self) -> dict[str, Any]:
        """``file_data`` as Atlas returns it: ``document_type`` plus one object per field."""
        out: dict[str, Any] = {"document_type": self.document_type or "UNRECOGNISED"}
        for name, fld in self.fields.items():
            out[name] = fld.wire()
        if self.validations:
            out["validations"] = self.validations  # additive to the Atlas shape
        return out
