"""The register's import in the admin (upload, preview, then confirm or cancel) and export.

Nothing is kept between the preview and the confirmation but what the preview page itself
carries: the file's entries, signed, in the confirmation form. The uploaded file is gone
with the request that read it; an abandoned preview leaves nothing behind.
"""

from dataclasses import asdict

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Locale

from ... import conf
from ...models import Cookie
from ...permissions import cookie_policy
from . import formats
from .errors import TransferError
from .export import EXPORTERS
from .formats import Document
from .importer import ImportOptions, PlanChanged, RegisterImport
from .preview import summary

# Importing creates and changes cookies: it asks for both.
IMPORT_ACTIONS = ("add", "change")
# How long a preview may wait for its confirmation.
PREVIEW_MAX_AGE = 3600
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def user_may_import(user):
    return all(cookie_policy.user_has_permission(user, action) for action in IMPORT_ACTIONS)


class LocaleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_display_name()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.json,.txt"}),
    )
    locale = LocaleChoiceField(
        queryset=Locale.objects.order_by("language_code"),
        label=gettext_lazy("Into the register of"),
        empty_label=None,
    )
    delete_missing = forms.BooleanField(
        required=False, label=gettext_lazy("Delete the cookies that the file does not list")
    )
    allow_locale_mismatch = forms.BooleanField(
        required=False,
        label=gettext_lazy("Import even if the file was exported from another language"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per form: a lazy string formatted at import keeps that moment's language.
        self.fields["file"].help_text = _(
            "CSV (comma, semicolon or tab), Excel workbook (.xlsx) or JSON, up to %(size)d MB."
        ) % {"size": formats.MAX_IMPORT_BYTES // (1024 * 1024)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            formats.check_size(upload.size, upload.name)
        except TransferError as error:
            raise ValidationError(str(error)) from error
        return upload

    def options(self):
        data = self.cleaned_data
        return ImportOptions(data["delete_missing"], data["allow_locale_mismatch"])


def signer_salt(user):
    # A preview signed for one editor cannot be confirmed by another.
    return f"wagtail_charte.register_import.{user.pk}"


class RegisterImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_policy = cookie_policy
    # Both: `permission_required` and `any_permission_required` are each checked.
    permission_required, any_permission_required = IMPORT_ACTIONS[0], IMPORT_ACTIONS[1:]
    template_name = "wagtail_charte/admin/register_import.html"
    preview_template_name = "wagtail_charte/admin/register_import_preview.html"
    page_title = gettext_lazy("Import cookies")
    header_icon = "upload"
    # The viewset's URL names.
    import_url_name = export_url_name = None

    def get_breadcrumbs_items(self):
        listing = reverse(Cookie.snippet_viewset.get_url_name("list"))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": capfirst(Cookie._meta.verbose_name_plural)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        locales = Locale.objects.order_by("language_code")
        return {
            **super().get_context_data(**kwargs),
            "form": kwargs.get("form") or ImportForm(initial={"locale": Locale.get_active()}),
            "exports": [
                (locale.get_display_name(), locale.language_code, list(EXPORTERS))
                for locale in locales
            ],
            "max_entries": conf.get("ADMIN_IMPORT_MAX_ENTRIES"),
            "max_changes": conf.get("ADMIN_IMPORT_MAX_CHANGES"),
            "import_url": reverse(self.import_url_name),
            "export_url": reverse(self.export_url_name),
        }

    def post(self, request):
        if "payload" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload, locale = form.cleaned_data["file"], form.cleaned_data["locale"]
        try:
            register_import = RegisterImport.from_file(
                upload.read(),
                upload.name,
                locale,
                request.user,
                form.options(),
                max_entries=conf.get("ADMIN_IMPORT_MAX_ENTRIES"),
            )
            preview = register_import.preview()
        except TransferError as error:
            return self.render_to_response(self.get_context_data(form=form, errors=error.messages))
        return self.show(register_import, preview, upload.name)

    def show(self, register_import, preview, filename, notice=""):
        """The preview page; its form carries the signed file to confirm, if there is one."""
        errors, payload = preview.errors, ""
        writes, max_writes = preview.plan.writes(), conf.get("ADMIN_IMPORT_MAX_CHANGES")
        if writes > max_writes and not errors:
            message = _(
                "This import would write %(count)d changes, more than the %(limit)d the admin "
                "writes at once. Import the file with the command “manage.py charte_import”, or "
                "in several files."
            )
            errors = [message % {"count": writes, "limit": max_writes}]
        if writes and not errors:
            payload = signing.dumps(
                {
                    "document": register_import.document.to_data(),
                    "locale": register_import.locale.pk,
                    "options": asdict(register_import.options),
                    "fingerprint": preview.plan.fingerprint(),
                    "filename": filename,
                },
                salt=signer_salt(self.request.user),
                compress=True,
            )
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and len(payload) > limit:
                message = _(
                    "This file is too large to confirm from the admin: import it with the "
                    "charte_import command, or in several files."
                )
                errors, payload = [*errors, message], ""
        self.page_title = _("Preview of the import")
        context = {
            **self.get_context_data(),
            "filename": filename,
            "locale": register_import.locale,
            "options": register_import.options,
            "errors": errors,
            "changes": preview.rows(),
            "writes": writes,
            "draft_notices": preview.draft_notices(),
            "summary": preview.summary(),
            "payload": payload,
            "notice": notice,
        }
        return TemplateResponse(self.request, self.preview_template_name, context)

    def confirm(self, request):
        salt = signer_salt(request.user)
        try:
            data = signing.loads(request.POST["payload"], salt=salt, max_age=PREVIEW_MAX_AGE)
        except signing.SignatureExpired:
            messages.error(request, _("The preview expired: upload the file again."))
            return redirect(self.import_url_name)
        except signing.BadSignature:
            messages.error(request, _("The preview could not be read: upload the file again."))
            return redirect(self.import_url_name)
        locale = get_object_or_404(Locale, pk=data["locale"])
        document, options = Document.from_data(data["document"]), ImportOptions(**data["options"])
        register_import = RegisterImport(document, locale, request.user, options)
        try:
            plan = register_import.apply(data["fingerprint"])
        except PlanChanged as changed:
            notice = _(
                "The register changed since the preview, so nothing was imported. Here is "
                "what the file would do now."
            )
            return self.show(register_import, changed.preview, data["filename"], notice=notice)
        except TransferError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.import_url_name)
        done = _("Imported %(file)s into the %(language)s register: %(summary)s") % {
            "file": data["filename"],
            "language": locale.get_display_name(),
            "summary": " ".join(summary(plan)),
        }
        drafts = plan.drafts_saved()
        if drafts:
            done += " " + ngettext(
                "%(count)d draft was saved: someone who may publish it will find it in the "
                "register.",
                "%(count)d drafts were saved: someone who may publish them will find them in "
                "the register.",
                drafts,
            ) % {"count": drafts}
        messages.success(request, done)
        listing = reverse(Cookie.snippet_viewset.get_url_name("list"))
        return redirect(f"{listing}?locale={locale.language_code}")


class RegisterExportView(PermissionCheckedMixin, View):
    """The published register of one locale as the import reads it."""

    permission_policy = cookie_policy
    permission_required = "change"

    def get(self, request):
        format = request.GET.get("format", "csv")
        if format not in EXPORTERS:
            raise Http404
        locale = get_object_or_404(Locale, language_code=request.GET.get("locale", ""))
        response = HttpResponse(EXPORTERS[format](locale), content_type=CONTENT_TYPES[format])
        filename = f"cookies-{locale.language_code}.{format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_import(request.user)


class RegisterTransferViewSet(ViewSet):
    """The import and export views; "Import" joins the register's menu (register/admin_views.py)."""

    name = "wagtail_charte_register_transfer"
    url_prefix = "charte/register"
    icon = "upload"
    menu_label = gettext_lazy("Import")
    menu_name = "cookie-import"
    menu_order = 900
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        import_view = RegisterImportView.as_view(
            import_url_name=self.get_url_name("import"), export_url_name=self.get_url_name("export")
        )
        return [
            path("import/", import_view, name="import"),
            path("export/", RegisterExportView.as_view(), name="export"),
        ]


register_transfer_viewset = RegisterTransferViewSet()
