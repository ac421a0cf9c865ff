"""Email notification of major changes through SendGrid. Filled by the notification issue."""
