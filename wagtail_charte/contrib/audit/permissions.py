"""Who may audit: a permission policy on the runs, checked against the register's cookies."""

from wagtail.permission_policies import ModelPermissionPolicy

from wagtail_charte.models import Cookie

from .models import AuditRun

# The audit is part of the register: whoever may change cookies may see and run audits.
audit_policy = ModelPermissionPolicy(AuditRun, auth_model=Cookie)
