"""Pieces every app may use; it imports no app of the project and has no tables."""
