"""Optional apps: a site adds the ones it wants to INSTALLED_APPS."""
