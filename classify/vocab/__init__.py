"""Vocabulary data files vendored from maintained standards (see dpv/README.md)."""
