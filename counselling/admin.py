"""Admin for the reference data (networks, centres, topics, occupations) and roles.

Client records and consultations are read-only here and the audit log cannot be changed: the
admin is for the programme's reference data, not a back door to client data.

Least privilege (decided here):
- Roles (``StaffRole``) and the users' admin rights (staff, superuser, groups, permissions) are
  given only by a superuser whose session is verified with the second factor; model
  permissions granted to a group (e.g. the programme's) do not reach them.
- Nobody changes their own role or their own admin rights.
- A centre keeps its network: moving it would move its counsellors, and their view of clients,
  to another network.
- Every addition, change and deletion made here is written to the audit log as well.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from counselling.models import (
    AccessAction,
    AccessLog,
    Centre,
    Client,
    Consultation,
    Network,
    Occupation,
    RecognitionOutcomeChange,
    StaffRole,
    Topic,
)


def may_assign_roles(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser and user.is_verified())


def _changes_self(request, obj) -> bool:
    if obj is None:
        return False
    own = obj.pk if isinstance(obj, get_user_model()) else getattr(obj, "user_id", None)
    return own == request.user.pk


class AuditedAdmin(admin.ModelAdmin):
    """Writes every admin change to the audit log, next to Django's own admin history."""

    def _audit(self, request, obj, verb: str, message="") -> None:
        model = obj._meta.model_name
        text = message if isinstance(message, str) else str(message)
        detail = f"admin {verb} {model} {obj.pk}: {obj}"[:200]
        if text:
            detail = f"{detail} {text}"
        network = getattr(obj, "network_id", None) or (obj.pk if isinstance(obj, Network) else None)
        AccessLog.objects.record(request.user, AccessAction.ADMIN, detail=detail, network=network)

    def log_addition(self, request, obj, message):
        self._audit(request, obj, "added", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, "changed", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "deleted")
        return super().log_deletions(request, queryset)


class CentreInline(admin.TabularInline):
    model = Centre
    extra = 0

    def has_change_permission(self, request, obj=None):
        # A centre's network is changed nowhere (see the module docstring); names in CentreAdmin.
        return False


@admin.register(Network)
class NetworkAdmin(AuditedAdmin):
    list_display = [
        "short_name", "kind", "states", "valid_from", "valid_until", "assumed", "confidence",
    ]  # fmt: skip
    list_filter = ["kind", "states"]
    search_fields = ["name", "short_name", "states", "coordinator"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [CentreInline]

    @admin.display(boolean=True, description=_("validity assumed"))
    def assumed(self, network):
        return network.validity_assumed


@admin.register(Centre)
class CentreAdmin(AuditedAdmin):
    list_display = ["name", "city", "network"]
    list_filter = ["network"]
    search_fields = ["name", "city"]
    list_select_related = ["network"]

    def get_readonly_fields(self, request, obj=None):
        return ["network"] if obj is not None else []


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ["name_de", "name_en", "service_line", "position", "active"]
    list_filter = ["service_line", "active"]
    list_editable = ["position", "active"]


@admin.register(Occupation)
class OccupationAdmin(AuditedAdmin):
    list_display = ["name_de", "name_en", "isco", "regulated"]
    list_filter = ["regulated"]
    search_fields = ["name_de", "name_en", "isco"]


class StaffRoleForm(forms.ModelForm):
    class Meta:
        model = StaffRole
        fields = ["user", "role", "network", "centre"]

    def clean(self):
        cleaned = super().clean()
        # A counsellor's network is their centre's (as StaffRole.save keeps it).
        if cleaned.get("centre"):
            cleaned["network"] = cleaned["centre"].network
            self.instance.network = cleaned["network"]
        return cleaned


@admin.register(StaffRole)
class StaffRoleAdmin(AuditedAdmin):
    form = StaffRoleForm
    list_display = ["user", "role", "network", "centre"]
    list_filter = ["role", "network"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "network", "centre"]

    def has_view_permission(self, request, obj=None):
        return may_assign_roles(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return may_assign_roles(request)

    def has_change_permission(self, request, obj=None):
        return may_assign_roles(request) and not _changes_self(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may_assign_roles(request) and not _changes_self(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.exclude(pk=request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


admin.site.unregister(get_user_model())
admin.site.unregister(Group)


@admin.register(get_user_model())
class PortalUserAdmin(AuditedAdmin, UserAdmin):
    """Admin rights are given by a verified superuser only, and never to oneself."""

    RIGHTS = ["is_staff", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not may_assign_roles(request) or _changes_self(request, obj):
            fields += self.RIGHTS
        return fields

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _changes_self(request, obj)


@admin.register(Group)
class PortalGroupAdmin(AuditedAdmin, GroupAdmin):
    """A group's permissions are admin rights too."""

    def has_add_permission(self, request):
        return may_assign_roles(request)

    def has_change_permission(self, request, obj=None):
        return may_assign_roles(request)

    def has_delete_permission(self, request, obj=None):
        return may_assign_roles(request)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LoggedClientDataAdmin(ReadOnlyAdmin):
    """Opening client data in the admin is logged like in the counselling pages."""

    def client_of(self, obj):
        return obj

    def changelist_view(self, request, extra_context=None):
        detail = f"admin {self.model._meta.model_name} list {request.GET.urlencode()}"
        allowed = self.has_view_or_change_permission(request)
        action = AccessAction.SEARCH if allowed else AccessAction.REFUSED
        AccessLog.objects.record(request.user, action, detail=detail)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            detail = f"admin {self.model._meta.model_name} {object_id}"
            # A refused view is logged as refused, not as a view (the 403 follows in super()).
            allowed = self.has_view_or_change_permission(request, obj)
            action = AccessAction.VIEW if allowed else AccessAction.REFUSED
            AccessLog.objects.record(request.user, action, self.client_of(obj), detail=detail)
        return super().change_view(request, object_id, form_url, extra_context)


class OutcomeChangeInline(admin.TabularInline):
    """The client's dated recognition outcomes, read-only (opening the client is logged)."""

    model = RecognitionOutcomeChange
    fk_name = "client"
    fields = ["date", "outcome", "recorded_by", "consultation", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Client)
class ClientAdmin(LoggedClientDataAdmin):
    list_display = ["code", "network", "created_at"]
    list_filter = ["network"]
    search_fields = ["code"]
    inlines = [OutcomeChangeInline]
    # The client's page is the counselling one, opened (and logged) there, not from here.
    view_on_site = False


@admin.register(Consultation)
class ConsultationAdmin(LoggedClientDataAdmin):
    list_display = ["date", "client", "network", "service_line", "format", "is_first"]
    list_filter = ["network", "service_line", "format", "is_first"]
    search_fields = ["client__code"]
    date_hierarchy = "date"

    def client_of(self, obj):
        return obj.client

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "action", "client_code", "detail"]
    list_filter = ["action"]
    search_fields = ["client_code", "username"]
    fields = ["at", "username", "action", "client_code", "network", "detail"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False
