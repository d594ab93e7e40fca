"""The register's import in the admin: upload, preview, then confirm or cancel; and export.

Nothing is kept between the preview and the confirmation but what the preview page itself
carries: the file's entries, signed, in the confirmation form. The uploaded file is gone
with the request that read it; an abandoned preview leaves nothing behind.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from ..models import Cookie
from .transfer.errors import TransferError
from .transfer.export import EXPORTERS
from .transfer.files import MAX_IMPORT_BYTES, Document, check_size
from .transfer.importer import PlanChanged, import_register, plan_import
from .transfer.parse import parse
from .transfer.plan import summary
from .transfer.preview import draft_models, draft_notices, permission_errors, preview_rows

IMPORT_PERMISSIONS = ("wagtail_charte.add_cookie", "wagtail_charte.change_cookie")
# How long a preview may wait for its confirmation.
PREVIEW_MAX_AGE = 3600
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def user_may_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


class ImportMenuItem(MenuItem):
    """ "Import" in the register's menu, for those who may import."""

    def __init__(self):
        url = reverse("wagtail_charte_register_import")
        super().__init__(
            gettext_lazy("Import"), url, name="cookie-import", icon_name="upload", order=900
        )

    def is_shown(self, request):
        return user_may_import(request.user)


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
        ) % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, upload.name)
        except TransferError as error:
            raise ValidationError(str(error)) from error
        return upload


def signer_salt(user):
    # A preview signed for one editor cannot be confirmed by another.
    return f"wagtail_charte.register_import.{user.pk}"


class RegisterImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_charte/admin/register_import.html"
    preview_template_name = "wagtail_charte/admin/register_import_preview.html"
    page_title = gettext_lazy("Import cookies")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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
            "export_url": reverse("wagtail_charte_register_export"),
        }

    def post(self, request):
        if "payload" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        options = {
            "delete_missing": data["delete_missing"],
            "allow_locale_mismatch": data["allow_locale_mismatch"],
        }
        try:
            document = parse(data["file"].read(), data["file"].name)
            plan = plan_import(
                document, data["locale"], drafts=draft_models(request.user), **options
            )
        except TransferError as error:
            context = self.get_context_data(form=form, errors=error.messages)
            return self.render_to_response(context)
        return self.preview(document, data["locale"], options, plan, data["file"].name)

    def preview(self, document, locale, options, plan, filename, notice=""):
        errors = [*plan.errors, *permission_errors(self.request.user, plan)]
        changes = preview_rows(plan)
        payload = ""
        if plan.writes() and not errors:
            payload = signing.dumps(
                {
                    "document": document.to_data(),
                    "locale": locale.pk,
                    "options": options,
                    "fingerprint": plan.fingerprint(),
                    "filename": filename,
                },
                salt=signer_salt(self.request.user),
                compress=True,
            )
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and len(payload) > limit:
                errors.append(
                    _(
                        "This file is too large to confirm from the admin: import it with the "
                        "charte_import command, or in several files."
                    )
                )
                payload = ""
        self.page_title = _("Preview of the import")
        context = {
            **self.get_context_data(),
            "filename": filename,
            "locale": locale,
            "options": options,
            "errors": errors,
            "changes": changes,
            "writes": plan.writes(),
            "draft_notices": draft_notices(plan),
            "summary": summary(plan),
            "payload": payload,
            "notice": notice,
        }
        return TemplateResponse(self.request, self.preview_template_name, context)

    def confirm(self, request):
        try:
            data = signing.loads(
                request.POST["payload"], salt=signer_salt(request.user), max_age=PREVIEW_MAX_AGE
            )
        except signing.SignatureExpired:
            messages.error(request, _("The preview expired: upload the file again."))
            return redirect("wagtail_charte_register_import")
        except signing.BadSignature:
            messages.error(request, _("The preview could not be read: upload the file again."))
            return redirect("wagtail_charte_register_import")
        document = Document.from_data(data["document"])
        locale = get_object_or_404(Locale, pk=data["locale"])
        options = data["options"]
        try:
            plan = import_register(
                document,
                locale,
                user=request.user,
                fingerprint=data["fingerprint"],
                check=lambda plan: permission_errors(request.user, plan),
                drafts=draft_models(request.user),
                **options,
            )
        except PlanChanged as changed:
            notice = _(
                "The register changed since the preview, so nothing was imported. Here is "
                "what the file would do now."
            )
            return self.preview(
                document, locale, options, changed.plan, data["filename"], notice=notice
            )
        except TransferError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("wagtail_charte_register_import")
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


class RegisterExportView(View):
    """The published register of one locale as the import reads it."""

    def get(self, request):
        if not request.user.has_perm("wagtail_charte.change_cookie"):
            raise PermissionDenied
        format = request.GET.get("format", "csv")
        if format not in EXPORTERS:
            raise Http404
        locale = get_object_or_404(Locale, language_code=request.GET.get("locale", ""))
        response = HttpResponse(EXPORTERS[format](locale), content_type=CONTENT_TYPES[format])
        filename = f"cookies-{locale.language_code}.{format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
