"""The six major-change categories of section 8 of the privacy policy, in its order.

Kept apart from the pydantic schema so that code needing only the ids stays cheap to import.
"""

from __future__ import annotations

CATEGORY_IDS: tuple[str, ...] = (
    "purposes",
    "ownership",
    "sharing",
    "rights",
    "contacts",
    "high_risk",
)

DEFAULT_CATEGORIES: dict[str, tuple[str, str]] = {
    "purposes": (
        "Purposes, data types and ways of use",
        "Major changes in our service modes, for example, purposes of personal data processing, "
        "types of processed personal data, and ways of using personal data",
    ),
    "ownership": (
        "Ownership or organisational structure",
        "Major changes in our ownership structure, organizational structure, etc., for example, "
        "ownership changes caused by business adjustment, bankruptcy, or acquisition",
    ),
    "sharing": (
        "Recipients of sharing, transfer or disclosure",
        "Changes in the main objects of personal data sharing, transfer, or disclosure",
    ),
    "rights": (
        "Users' rights and how to exercise them",
        "Major changes in your rights regarding personal data processing and the ways in which "
        "you can enjoy those rights",
    ),
    "contacts": (
        "Responsible departments, contacts and complaint channels",
        "Changes in our departments, contacts, and complaint channels responsible for the "
        "security of personal data processing",
    ),
    "high_risk": (
        "High risks found in impact assessments",
        "High risks identified in personal data security impact assessment reports",
    ),
}
