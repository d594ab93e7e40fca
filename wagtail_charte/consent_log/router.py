"""Sends the consent log to the database the `CONSENT_LOG_DATABASE` key names (conf.py).

Add it to `DATABASE_ROUTERS`. When that alias is not "default", it is the log's own database:
it gets the log's two tables and nothing else, and the log gets no table anywhere else.
"""

from django.db import DEFAULT_DB_ALIAS

from .. import conf

APP_LABEL = "wagtail_charte"
LOG_MODELS = {"consentsnapshot", "consentrecord"}


def log_database():
    return conf.get("CONSENT_LOG_DATABASE")


def is_log_model(app_label, model_name):
    return app_label == APP_LABEL and model_name in LOG_MODELS


class ConsentLogRouter:
    def db_for_read(self, model, **hints):
        if is_log_model(model._meta.app_label, model._meta.model_name):
            return log_database()
        return None

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        if all(is_log_model(o._meta.app_label, o._meta.model_name) for o in (obj1, obj2)):
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        alias = log_database()
        if is_log_model(app_label, model_name):
            return db == alias
        if alias != DEFAULT_DB_ALIAS and db == alias:
            return False
        return None
