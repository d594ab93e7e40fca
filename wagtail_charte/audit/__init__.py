"""The cookie audit: what the site really sets, compared with the published register."""
