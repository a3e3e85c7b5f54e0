"""The engine's settings (``KAGAZ_ENGINE__*``): limits, OCR, privacy."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["EngineSettings"]


class EngineSettings(BaseModel):
    """Limits and choices of the document engine."""

    ocr_engine: Literal["rapidocr", "tesseract"] = Field(
        "rapidocr", description="OCR engine for Latin text"
    )
    ocr_threads: int = Field(
        0, ge=0, le=64, description="Threads per OCR engine; 0 lets the engine decide"
    )
    devanagari: bool = Field(
        True, description="Re-read Devanagari lines with Tesseract 'hin' when its data is installed"
    )
    max_bytes: int = Field(20 * 1024 * 1024, ge=1, description="Largest input file, in bytes")
    max_pixels: int = Field(
        40_000_000, ge=1, description="Largest image, in pixels (decompression-bomb guard)"
    )
    max_pages: int = Field(100, ge=1, description="Most pages read from one PDF or TIFF")
    pdf_max_stream_bytes: int = Field(
        128 * 1024 * 1024,
        ge=1024 * 1024,
        description="Largest decompressed size of one PDF stream (decompression-bomb guard)",
    )
    pdf_max_decoded_bytes: int = Field(
        4 * 1024 * 1024 * 1024,
        ge=1024 * 1024,
        description="Largest decompressed size of all of a PDF's streams together",
    )
    ocr_max_side: int = Field(
        2400, ge=320, description="Pages are scaled down so that their longer side fits this"
    )
    pdf_dpi: int = Field(200, ge=72, le=600, description="Resolution for rendering PDF pages")
    timeout_seconds: float = Field(
        300.0, gt=0, description="Time budget for one document in a worker"
    )
    reveal_aadhaar: bool = Field(
        False,
        description="Return the full Aadhaar number (only for entities licensed to hold it)",
    )
    page_images: int = Field(
        10,
        ge=0,
        le=100,
        description="Pages of each document kept as JPEG images for the review console "
        "(Aadhaar numbers masked); 0 keeps none",
    )
    uidai_certificates_dir: Path | None = Field(
        None,
        description="A folder of UIDAI signing certificates (.cer/.pem/.crt/.der) added to the "
        "bundled ones, for Aadhaar Secure QR codes signed by keys newer than kagaz's release",
    )
    trusted_pdf_roots_dir: Path | None = Field(
        None,
        description="A folder of certificate authorities (.cer/.pem/.crt/.der) that a signed "
        "PDF's chain may reach (for example CCA India's roots), besides UIDAI's certificates",
    )
