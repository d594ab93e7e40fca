"""Cookie policy page, cookie register and consent banner for Wagtail."""
