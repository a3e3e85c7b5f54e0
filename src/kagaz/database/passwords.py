"""Passwords of locked PDFs, sealed while their document waits for a worker.

Lenders receive most e-statements locked (with the customer's date of birth or PAN), so the
API takes a password with each document. It is kept only in ``documents.password_sealed``, and
only sealed: AES-256-GCM under a key derived from the master secret
(:func:`kagaz.database.keys.derive_key`, label ``document-password/v1``), with the document's
``file_uuid`` as associated data, so that a sealed value copied onto another row does not open.
The worker opens it just before the engine reads the document; :func:`kagaz.database.queue.finish`
erases it in the same UPDATE that makes the document final. The plaintext never reaches the
database, a queue message, a log or the file store.

Layout of a sealed value: one version byte, a 12-byte random nonce, then ciphertext and tag.

>>> box = PasswordBox(bytes(32))
>>> sealed = box.seal("1234", "6f1c2b3a-1d2e-4f5a-9b8c-123456789012")
>>> b"1234" in sealed, box.open(sealed, "6f1c2b3a-1d2e-4f5a-9b8c-123456789012")
(False, '1234')
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kagaz.errors import KagazError
from kagaz.database.db import Database
from kagaz.database.keys import derive_key, master_key

__all__ = ["KEY_LABEL", "PasswordBox", "UnreadablePassword", "password_box"]

KEY_LABEL = "document-password/v1"
_VERSION = b"\x01"
_NONCE = 12


class UnreadablePassword(KagazError):
    """A sealed password that does not open: the master key changed since it was sealed, or the
    stored value was altered."""

    code = "PASSWORD_UNREADABLE"
    message = "The stored password could not be opened"


class PasswordBox:
    """Seals and opens document passwords with one key (never shown by ``repr``)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @classmethod
    def from_master(cls, master: bytes) -> PasswordBox:
        return cls(derive_key(master, KEY_LABEL))

    def __repr__(self) -> str:
        return "PasswordBox(<key>)"

    def seal(self, password: str, file_uuid: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, password.encode(), _aad(file_uuid))

    def open(self, sealed: bytes, file_uuid: str) -> str:
        """The password sealed for ``file_uuid``; raises :class:`UnreadablePassword`."""
        sealed = bytes(sealed)  # PostgreSQL hands back a memoryview
        if len(sealed) <= 1 + _NONCE or sealed[:1] != _VERSION:
            raise UnreadablePassword()
        nonce, body = sealed[1 : 1 + _NONCE], sealed[1 + _NONCE :]
        try:
            return self._aead.decrypt(nonce, body, _aad(file_uuid)).decode()
        except (InvalidTag, UnicodeDecodeError):
            raise UnreadablePassword() from None


def _aad(file_uuid: str) -> bytes:
    return f"kagaz/{KEY_LABEL}/{file_uuid}".encode()


def password_box(db: Database, signing_key: str | None) -> PasswordBox:
    """The box every API server and worker shares: from ``KAGAZ_API__SIGNING_KEY`` when set,
    else from the master secret kept in the database."""
    return PasswordBox.from_master(master_key(db, signing_key))
