"""Flow API callbacks: Standard Webhooks signing, the auth_url token, delivery with backoff and
its log, and the sender threads that run them (see docs/flows.md)."""
