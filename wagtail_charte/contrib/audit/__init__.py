"""The cookie audit: what the site really sets, compared with the published register.

An optional app (docs/audit.md): add `wagtail_charte.contrib.audit` to INSTALLED_APPS.
"""
