"""Admin for the reference data (networks, centres, topics, occupations) and roles.

Client records and consultations are read-only here and the access log cannot be changed: the
admin is for the programme's reference data, not a back door to client data.
"""

from django.contrib import admin

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


class CentreInline(admin.TabularInline):
    model = Centre
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["short_name", "kind", "states", "valid_from", "valid_until", "confidence"]
    list_filter = ["kind", "states"]
    search_fields = ["name", "short_name", "states", "coordinator"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [CentreInline]


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "network"]
    list_filter = ["network"]
    search_fields = ["name", "city"]
    list_select_related = ["network"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "service_line", "position", "active"]
    list_filter = ["service_line", "active"]
    list_editable = ["position", "active"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "isco", "regulated"]
    list_filter = ["regulated"]
    search_fields = ["name_de", "name_en", "isco"]


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "network", "centre"]
    list_filter = ["role", "network"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "network", "centre"]


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
        AccessLog.objects.record(request.user, AccessAction.SEARCH, detail=detail)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            detail = f"admin {self.model._meta.model_name} {object_id}"
            AccessLog.objects.record(
                request.user, AccessAction.VIEW, self.client_of(obj), detail=detail
            )
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
    list_display = ["at", "user", "action", "client_code", "detail"]
    list_filter = ["action"]
    search_fields = ["client_code", "user__username"]

    def has_delete_permission(self, request, obj=None):
        return False
