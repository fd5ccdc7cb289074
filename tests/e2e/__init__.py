"""Browser tests (Chromium) of whole user journeys."""
