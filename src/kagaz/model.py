"""The data model at the bottom: what the engine's stages and the document types share.

A :class:`Document` is created by the load stage and enriched by each later stage; the engine
turns it into an :class:`ExtractResult`, the only thing callers see. Lines (:class:`TextLine`),
pages and fields are read by the type modules and the text helpers; this module imports none of
them, so everything can import it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field as PydField

_log = logging.getLogger(__name__)

__all__ = [
    "Document",
    "ExtractResult",
    "Field",
    "Issue",
    "Page",
    "Status",
    "TextLine",
    "TypeCandidate",
    "union_box",
    "wire_location",
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
    #: text-layer lines only: each word as (text, x0, x1) where the PDF places it (a run may hold
    #: several table cells whose gaps its text shows as single spaces); empty otherwise
    words: tuple[tuple[str, float, float], ...] = ()

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


def union_box(lines: Sequence[TextLine]) -> BBox:
    """The box around every line of ``lines`` (at least one)."""
    return (
        min(ln.x0 for ln in lines),
        min(ln.y0 for ln in lines),
        max(ln.x1 for ln in lines),
        max(ln.y1 for ln in lines),
    )


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
    #: regions (page pixels) that are private as a whole, such as an Aadhaar QR code: blacked
    #: out in every picture of the page that leaves the engine
    private_boxes: list[BBox] = field(default_factory=list)
    #: draws the page ``k`` times its pixel size, for a page read from a PDF's text layer: its
    #: picture is wanted only for a redacted copy or a review image, so it is drawn on demand
    #: (:meth:`picture`), or drawn small for review (rendering and scaling down every page cost a
    #: digital statement more than reading its text)
    render: Callable[[float], Image.Image] | None = field(default=None, repr=False)

    def picture(self) -> Image.Image | None:
        """The page's image (pixels as its lines' boxes), drawn now if it was left to be drawn
        on demand; None when it has none or it cannot be drawn."""
        if self.image is None and self.render is not None:
            self.image = self.drawn(1.0)
            self.render = None
        return self.image

    def drawn(self, k: float) -> Image.Image | None:
        """The page drawn on demand at ``k`` times its pixel size (not kept); None when it is
        not drawn on demand or cannot be drawn."""
        if self.render is None:
            return None
        try:
            return self.render(k)
        except Exception:  # noqa: BLE001 - a picture is never a reason to fail a reading
            _log.warning("page %d could not be drawn", self.index + 1, exc_info=True)
            return None


class Field(BaseModel):
    """One extracted field: ``{"value": ..., "confidence_score": 0..1}`` on the wire, plus
    ``page`` (1-based) and ``bbox`` (fractions of the page) when its provenance is known.

    Inside the engine ``page`` is the 0-based page index and ``bbox`` the box in that page's
    normalised pixels (modules compare them with their lines' boxes); :meth:`wire` turns them
    into the wire form, given the page sizes. ``rows`` does the same for each row of a list
    value (transactions, line items).
    """

    model_config = ConfigDict(extra="allow")

    value: Any
    confidence_score: float = PydField(ge=0.0, le=1.0)
    page: int | None = PydField(default=None, exclude=True)
    bbox: BBox | None = PydField(default=None, exclude=True)
    rows: list[tuple[int, BBox] | None] | None = PydField(default=None, exclude=True)

    def wire(self, page_sizes: Sequence[tuple[int, int]] = ()) -> dict[str, Any]:
        """The Atlas wire form, extra keys (such as ``redact_url``) included; with
        ``page_sizes`` (width, height of each normalised page) also ``page`` and ``bbox``."""
        out = self.model_dump(exclude_none=True)
        out["confidence_score"] = round(float(self.confidence_score), 4)
        where = wire_location(self.page, self.bbox, page_sizes)
        if where is not None:
            out["page"], out["bbox"] = where
        if self.rows and isinstance(out.get("value"), list) and len(self.rows) == len(out["value"]):
            out["value"] = [
                {**row, "page": w[0], "bbox": w[1]}
                if isinstance(row, dict) and (w := wire_location(*(loc or (None, None)), page_sizes))
                else row
                for row, loc in zip(out["value"], self.rows, strict=True)
            ]
        return out


def wire_location(
    page: int | None, box: BBox | None, page_sizes: Sequence[tuple[int, int]]
) -> tuple[int, list[float]] | None:
    """(1-based page, [x0, y0, x1, y1] as fractions of the page, 4 decimals), or None.

    >>> wire_location(0, (10, 20, 110, 40), [(200, 100)])
    (1, [0.05, 0.2, 0.55, 0.4])
    >>> wire_location(3, (10, 20, 110, 40), [(200, 100)]) is None
    True
    """
    if page is None or box is None or not 0 <= page < len(page_sizes):
        return None
    w, h = page_sizes[page]
    if w <= 0 or h <= 0:
        return None
    x0, y0, x1, y1 = box
    frac = [
        round(min(1.0, max(0.0, v / d)), 4) for v, d in ((x0, w), (y0, h), (x1, w), (y1, h))
    ]
    if frac[2] <= frac[0] or frac[3] <= frac[1]:
        return None
    return page + 1, frac


class Status(StrEnum):
    SUCCESS = "SUCCESS"
    PARTIAL = "PARTIAL"
    FAILED = "FAILED"


@dataclass(slots=True, frozen=True)
class TypeCandidate:
    """A document type and the score its module gave the document (0..1)."""

    code: str
    score: float

    def wire(self) -> dict[str, Any]:
        return {"document_type": self.code, "confidence_score": round(self.score, 4)}


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
    # The winner's score lowered by how close the runner-up came (classify stage).
    type_confidence: float = 0.0
    runner_up: TypeCandidate | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # Checks a reviewer would do by hand, by name: {"valid": bool, "message": str, ...details}.
    validations: dict[str, dict[str, Any]] = field(default_factory=dict)
    error_code: str | None = None
    error_message: str | None = None
    artifacts: dict[str, bytes] = field(default_factory=dict)  # e.g. "aadhaar_redacted": PNG
    secrets: dict[str, str] = field(default_factory=dict)  # in memory only, never persisted
    timings: dict[str, float] = field(default_factory=dict)
    # What the fields say taken together (a statement's income, EMIs, balances: its type's finish).
    analysis: dict[str, Any] | None = None

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
    # (width, height) of each normalised page: what the fields' boxes are fractions of.
    page_sizes: list[tuple[int, int]] = field(default_factory=list)
    # The first pages as the engine read them (upright, deskewed), for a review console, as
    # small JPEGs (kagaz.pipeline.review.encode_jpeg): pages with personal numbers (Aadhaar)
    # come masked, and a page that could not be masked is None. Encoded where they are made:
    # a service's engine process hands back 0.2 MB a page instead of an 11 MB image.
    page_images: list[bytes | None] = field(default_factory=list, repr=False)
    document_type_confidence: float | None = None
    runner_up: TypeCandidate | None = None
    analysis: dict[str, Any] | None = None

    def file_data(self) -> dict[str, Any]:
        """``file_data`` as Atlas returns it: ``document_type`` plus one object per field
        (with ``page`` and ``bbox`` where the field's place on the page is known).

        Additive to the Atlas shape: ``document_type_confidence`` (how sure the type is) and
        ``document_type_runner_up`` (the next most likely type, or the nearest one when the
        document is UNRECOGNISED), for routing doubtful documents to a reviewer."""
        out: dict[str, Any] = {"document_type": self.document_type or "UNRECOGNISED"}
        if self.document_type and self.document_type_confidence is not None:
            out["document_type_confidence"] = round(self.document_type_confidence, 4)
        if self.runner_up is not None:
            out["document_type_runner_up"] = self.runner_up.wire()
        for name, fld in self.fields.items():
            out[name] = fld.wire(self.page_sizes)
        if self.validations:
            out["validations"] = self.validations  # additive to the Atlas shape
        if self.analysis is not None:
            out["analysis"] = self.analysis  # additive: a bank statement's analysis
        return out
