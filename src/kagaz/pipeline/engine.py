"""The engine: the order of the stages, written once, in :meth:`Engine.build`.

Each stage is a small class in ``kagaz/pipeline/stages/``; the engine times them, turns document problems into an
``error_code`` on the result, and never lets an exception about a document escape.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from kagaz.authenticity.pdf_signature import load_trust_roots
from kagaz.authenticity.uidai_keys import load_keys
from kagaz.doctypes import ExtractOptions, registry
from kagaz.errors import EngineError, KagazError, ProcessingTimeout
from kagaz.observability.heap import freeze_loaded
from kagaz.observability.profile import collect
from kagaz.ocr import OcrEngine, create
from kagaz.model import Document, ExtractResult, Status
from kagaz.pipeline.provenance import locate
from kagaz.pipeline.review import encode_jpeg, review_images
from kagaz.pipeline.stages.authenticity import AuthenticityOptions, AuthenticityStage, TamperStage
from kagaz.pipeline.stages.classify import ClassifyStage
from kagaz.pipeline.stages.extract import ExtractStage
from kagaz.pipeline.stages.load import LoadOptions, LoadStage
from kagaz.pipeline.stages.normalise import NormaliseStage
from kagaz.pipeline.stages.ocr import OcrOptions, OcrStage
from kagaz.pipeline.stages.validate import ValidateStage
from kagaz.settings import EngineSettings
from kagaz.text.masking import AadhaarMasking

__all__ = ["PART_PREFIX", "Engine", "ExtractResult"]

#: ``timings`` keys of the parts timed inside a stage (detection, recognition…), as opposed to
#: the stages themselves.
PART_PREFIX = "part:"

log = logging.getLogger(__name__)

Stage = Callable[[Document], Document]


class Engine:
    """Reads one document at a time. Heavy to build (loads OCR models): build once, reuse.

    ``process`` is safe to call from several threads; the OCR engine serialises its own model
    calls, so for throughput run one engine per process.
    """

    def __init__(self, settings: EngineSettings | None = None, *, ocr: OcrEngine | None = None) -> None:
        self.settings = settings or EngineSettings()
        self.ocr = ocr or create(self.settings.ocr_engine, threads=self.settings.ocr_threads)
        self.stages = self.build()
        freeze_loaded()  # the models just loaded live as long as the engine

    def build(self) -> list[tuple[str, Stage]]:
        s = self.settings
        types = registry()
        uidai = load_keys(s.uidai_certificates_dir)
        devanagari = _devanagari_reader() if s.devanagari else None
        devanagari_page = _devanagari_page_engine() if s.devanagari else None
        return [
            ("load", LoadStage(LoadOptions(
                max_bytes=s.max_bytes, max_pixels=s.max_pixels, max_pages=s.max_pages,
                max_side=s.ocr_max_side, pdf_dpi=s.pdf_dpi,
                pdf_max_stream_bytes=s.pdf_max_stream_bytes,
                pdf_max_decoded_bytes=s.pdf_max_decoded_bytes,
                # Text-layer pages are rendered only for redaction and the review console.
                render_text_pages=max(5, s.page_images),
            ))),
            # Read pages without a text layer (and Devanagari lines with their own reader).
            ("ocr", OcrStage(self.ocr, OcrOptions(devanagari=s.devanagari), devanagari, devanagari_page)),
            # Turn pages upright and deskew them, using the OCR's boxes.
            ("normalise", NormaliseStage()),
            # Pick the document type from content; UNRECOGNISED when none is sure enough.
            ("classify", ClassifyStage(types)),
            ("extract", ExtractStage(types, ExtractOptions(
                reveal_aadhaar=AadhaarMasking.from_settings(s).reveal))),
            # How an image was captured (every type); the Aadhaar's UIDAI-signed QR code.
            ("authenticity", AuthenticityStage(AuthenticityOptions(
                uidai, reveal_aadhaar=AadhaarMasking.from_settings(s).reveal,
                pdf_trust_roots=load_trust_roots(uidai, s.trusted_pdf_roots_dir)))),
            # Cross-field checks, confidence adjustments and redacted images.
            ("validate", ValidateStage(types)),
            # Evidence of changes after issue, from every check above, in one list.
            ("tamper", TamperStage()),
        ]

    def process(
        self, data: bytes, filename: str | None = None, *, password: str | None = None,
        format: str | None = None,
    ) -> ExtractResult:
        """Read one document; ``password`` opens a locked PDF (it is never stored); ``format``
        is the format the caller already sniffed from these bytes (the services do, once, when
        a document arrives), so the load stage does not sniff them again."""
        doc = Document(data=data, filename=filename, password=password, format=format)
        started = time.perf_counter()
        try:
            with collect() as parts:  # the seconds inside the stages (kagaz.observability.profile)
                for name, stage in self.stages:
                    t = time.perf_counter()
                    doc = stage(doc)
                    doc.timings[name] = round(time.perf_counter() - t, 4)
                    if time.perf_counter() - started > self.settings.timeout_seconds:
                        raise ProcessingTimeout(
                            f"Processing exceeded {self.settings.timeout_seconds:g} s (after {name})"
                        )
        except KagazError as exc:
            doc.error_code, doc.error_message = exc.code, exc.message
        except MemoryError:
            doc.error_code, doc.error_message = "TOO_LARGE", "The document needs too much memory"
        except Exception as exc:  # a bug or a broken component: fail this document, not the caller
            log.exception("engine failure on %s", filename or "<bytes>")
            err = EngineError(f"{type(exc).__name__} in the engine")
            doc.error_code, doc.error_message = err.code, err.message
        if not doc.error_code:
            self._finish(doc)
        doc.timings.update({f"{PART_PREFIX}{k}": round(v, 4) for k, v in parts.items()})
        doc.timings["total"] = round(time.perf_counter() - started, 4)
        result = _result(doc)
        if not doc.error_code:
            module = registry().get(doc.document_type or "")
            result.page_images = [encode_jpeg(image) if image is not None else None
                                  for image in review_images(doc, module, self.settings.page_images)]
        return result

    def _finish(self, doc: Document) -> None:
        """Where each field is printed (for review consoles); never fails the document."""
        try:
            locate(doc)
        except Exception:  # pragma: no cover - locate guards each field itself
            log.exception("provenance failed on %s", doc.filename or "<bytes>")


def _result(doc: Document) -> ExtractResult:
    if doc.error_code:
        status = Status.FAILED
    elif doc.issues or not doc.fields:
        status = Status.PARTIAL
    else:
        status = Status.SUCCESS
    return ExtractResult(
        document_type=doc.document_type if not doc.error_code else None,
        fields=doc.fields if not doc.error_code else {},
        status=status,
        error_code=doc.error_code,
        error_message=doc.error_message,
        issues=list(doc.issues),
        validations=dict(doc.validations) if not doc.error_code else {},
        artifacts=dict(doc.artifacts) if not doc.error_code else {},
        pages=len(doc.pages),
        timings=dict(doc.timings),
        page_sizes=[(p.width, p.height) for p in doc.pages],
        document_type_confidence=doc.type_confidence if doc.document_type and not doc.error_code else None,
        runner_up=doc.runner_up if not doc.error_code or doc.error_code == "UNRECOGNISED" else None,
        analysis=doc.analysis if not doc.error_code else None,
    )


def _devanagari_reader():  # type: ignore[no-untyped-def]
    from kagaz.ocr.tesseract import DevanagariReader

    if not DevanagariReader.available():
        log.info("Tesseract 'hin' data not found: Devanagari lines will not be re-read")
        return None
    try:
        return DevanagariReader()
    except Exception as exc:  # pragma: no cover - broken tessdata
        log.warning("Devanagari reader unavailable: %s", exc)
        return None


def _devanagari_page_engine():  # type: ignore[no-untyped-def]
    from kagaz.ocr.tesseract import devanagari_page_engine

    try:
        engine = devanagari_page_engine()
    except Exception as exc:  # pragma: no cover - broken tessdata
        log.warning("Devanagari page reader unavailable: %s", exc)
        return None
    if engine is None:
        log.info("Tesseract 'mar'/'hin' data not found: Devanagari pages will not be read whole")
    return engine
