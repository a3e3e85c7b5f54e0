"""Is it genuine? Offline checks of what the issuer signed, and of how a document was captured.

* :mod:`~kagaz.authenticity.secure_qr`: UIDAI's Aadhaar Secure QR (and the older XML QR) parsed
  from the text a QR code holds;
* :mod:`~kagaz.authenticity.uidai_keys`: UIDAI's public signing certificates shipped with kagaz
  (``uidai/manifest.json``) plus an operator's folder, and the RSA check of a Secure QR;
* :mod:`~kagaz.authenticity.aadhaar_qr`: the ``validations.aadhaar_qr`` entry of an Aadhaar
  result: the QR against what the OCR read;
* :mod:`~kagaz.authenticity.pdf_signature`: ``validations.pdf_signature`` of a signed PDF;
* :mod:`~kagaz.authenticity.tamper`: the ``tamper_signals`` list gathered from all of them.

Nothing here reaches the network: certificates are files, revocation is not checked.
"""
