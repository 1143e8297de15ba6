"""Placeholder until the first generation."""
