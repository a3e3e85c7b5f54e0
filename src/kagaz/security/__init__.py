"""Security tooling: :mod:`kagaz.security.scan` looks for secrets and personal data at rest."""
