"""API-change review: compare two specs, pin a new one, draft manifest entries for new endpoints."""
