"""validations.pdf_signature: PDFs signed here by a test CA's signer, then edited or damaged."""

from __future__ import annotations

import datetime as dt
import io
import warnings

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from kagaz.authenticity.pdf_signature import check_pdf_signature

warnings.simplefilter("ignore", DeprecationWarning)
pyhanko_signers = pytest.importorskip("pyhanko.sign.signers")


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "kagaz test PKI")])


def _cert(subject: str, key, issuer: str, issuer_key, *, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    builder = builder.add_extension(x509.KeyUsage(  # a CA signs certificates, a signer documents
        digital_signature=True, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture(scope="module")
def pki():
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = _cert("kagaz Test Root CA", root_key, "kagaz Test Root CA", root_key, ca=True)
    signer = _cert("DS kagaz Test Signer", signer_key, "kagaz Test Root CA", root_key, ca=False)
    return root, signer, signer_key


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, "e-Statement of account: closing balance 12,345.67")
    return bytes(pdf.output())


def _sign(data: bytes, pki) -> bytes:
    from asn1crypto import keys as asn1_keys, x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    root, signer_cert, key = pki
    der = serialization.Encoding.DER
    signer = pyhanko_signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(signer_cert.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(root.public_bytes(der))]),
    )
    out = pyhanko_signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)),
                                   pyhanko_signers.PdfSignatureMetadata(field_name="Signature1"),
                                   signer=signer)
    return out.getvalue()


def _roots(pki) -> list[bytes]:
    return [pki[0].public_bytes(serialization.Encoding.DER)]


@pytest.fixture(scope="module")
def signed(pki) -> bytes:
    return _sign(_pdf(), pki)


def test_an_unsigned_pdf_has_no_entry() -> None:
    assert check_pdf_signature(_pdf()) is None


def test_a_signed_pdf_that_reaches_a_held_root_is_valid(signed, pki) -> None:
    e = check_pdf_signature(signed, trust_roots=_roots(pki))
    assert e["intact"] and e["covers_whole_document"] and not e["modified_after_signing"]
    assert e["chain_trusted"] and "kagaz Test Root CA" in e["trusted_authority"]
    assert e["signer"] == "DS kagaz Test Signer" and e["valid"] is True and e["signatures"] == 1


def test_without_the_root_the_chain_is_not_trusted(signed) -> None:
    e = check_pdf_signature(signed)
    assert e["intact"] and e["chain_trusted"] is False and e["valid"] is False
    assert "does not chain" in e["message"]


def test_an_edit_after_signing_is_reported(signed, pki) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = writer.add_object(generic.StreamObject(
        stream_data=b"BT /F1 24 Tf 100 100 Td (closing balance 99,99,999.00) Tj ET"))
    writer.add_stream_to_page(0, stream)
    buf = io.BytesIO()
    writer.write(buf)
    e = check_pdf_signature(buf.getvalue(), trust_roots=_roots(pki))
    assert e["intact"] and not e["covers_whole_document"]
    assert e["modified_after_signing"] is True and e["valid"] is False
    assert "changed" in e["message"]


def test_bytes_changed_inside_the_signed_range_break_the_signature(signed, pki) -> None:
    forged = signed.replace(b"12,345.67", b"92,345.67") if b"12,345.67" in signed else None
    if forged is None:  # the text sits in a compressed stream: change a byte of the stream
        start = signed.index(b"stream\n") + 20
        forged = signed[:start] + bytes([signed[start] ^ 0x01]) + signed[start + 1:]
    e = check_pdf_signature(forged, trust_roots=_roots(pki))
    assert e["intact"] is False and e["valid"] is False


def test_junk_with_a_byte_range_is_reported_not_raised() -> None:
    e = check_pdf_signature(b"%PDF-1.7\n/ByteRange [0 1 2 3]\n%%EOF")
    assert e is None or e["valid"] in (None, False)


def _edited(signed: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"BT ET")))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_the_stages_report_the_signature_and_the_tamper_signal(signed, pki) -> None:
    from kagaz.authenticity.uidai_keys import load_keys
    from kagaz.model import Document, Field
    from kagaz.pipeline.stages.authenticity import AuthenticityOptions, AuthenticityStage, TamperStage

    stage = AuthenticityStage(AuthenticityOptions(load_keys(), pdf_trust_roots=tuple(_roots(pki))))
    docs = {}
    for name, data in (("signed", signed), ("edited", _edited(signed))):
        doc = Document(data=data, format="pdf", document_type="BANK_STATEMENT")
        doc.fields = {"account_number": Field(value="1234567890", confidence_score=0.9)}
        docs[name] = TamperStage()(stage(doc))
    assert docs["signed"].validations["pdf_signature"]["valid"] is True
    assert "tamper_signals" not in docs["signed"].validations
    assert "document_quality_flag" not in docs["signed"].fields  # no pages read: nothing to judge
    signals = docs["edited"].validations["tamper_signals"]
    assert signals["valid"] is False
    assert [s["code"] for s in signals["signals"]] == ["PDF_MODIFIED_AFTER_SIGNING"]
