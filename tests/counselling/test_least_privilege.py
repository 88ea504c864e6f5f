"""The escalation path of issue 14 is closed: the programme role, even with every model
permission on roles, cannot give itself or anyone a role, move a centre to another network or
give admin rights; a verified superuser can, but never to themselves; all of it is audited."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from counselling.models import AccessLog, Centre, Role, StaffRole


@pytest.fixture
def programme_admin(programme_user):
    """The programme role as set up by setup_demo before the fix: staff, and a group with every
    permission on roles, networks and centres (and on users, to try moving them)."""
    group = Group.objects.create(name="Programme administration")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["counselling", "auth"],
            content_type__model__in=["staffrole", "network", "centre", "user"],
        )
    )
    programme_user.is_staff = True
    programme_user.save()
    programme_user.groups.add(group)
    return programme_user


@pytest.fixture
def superuser(db):
    return _superuser()


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", password="x" * 20)


def _role_form(user, centre, role=Role.COUNSELLOR):
    return {"user": user.pk, "role": role, "centre": centre.pk if centre else "", "network": ""}


def test_the_programme_role_cannot_make_itself_counsellor_of_a_network(
    client, programme_admin, centre_b, client_of_b
):
    client.force_login(programme_admin)
    own = programme_admin.counselling_role
    change = reverse("admin:counselling_staffrole_change", args=[own.pk])
    response = client.post(change, _role_form(programme_admin, centre_b))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.role == Role.PROGRAMME
    # Nor by deleting its role and adding a new one.
    delete = reverse("admin:counselling_staffrole_delete", args=[own.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    add = reverse("admin:counselling_staffrole_add")
    assert client.post(add, _role_form(programme_admin, centre_b)).status_code == 403
    assert StaffRole.objects.get(user=programme_admin).role == Role.PROGRAMME
    # And so it still cannot read network B's clients.
    page = client.get(reverse("counselling:client", args=[client_of_b.code]))
    assert page.status_code == 403


def test_the_programme_role_cannot_move_other_users(
    client, programme_admin, counsellor_a, centre_b
):
    client.force_login(programme_admin)
    role = counsellor_a.counselling_role
    change = reverse("admin:counselling_staffrole_change", args=[role.pk])
    assert client.post(change, _role_form(counsellor_a, centre_b)).status_code == 403
    role.refresh_from_db()
    assert role.centre != centre_b
    # Nor by moving the counsellor's centre into another network.
    centre = role.centre
    response = client.post(
        reverse("admin:counselling_centre_change", args=[centre.pk]),
        {"network": centre_b.network.pk, "name": centre.name, "city": "Leipzig"},
    )
    assert response.status_code == 302
    centre.refresh_from_db()
    assert (centre.network, centre.city) == (role.network, "Leipzig")


def test_the_programme_role_cannot_give_admin_rights(client, programme_admin, counsellor_a):
    client.force_login(programme_admin)
    url = reverse("admin:auth_user_change", args=[counsellor_a.pk])
    form = client.get(url).context["adminform"].form
    assert not {"is_superuser", "is_staff", "groups", "user_permissions"} & set(form.fields)
    client.post(url, {"username": counsellor_a.username, "is_superuser": "on", "is_staff": "on"})
    counsellor_a.refresh_from_db()
    assert not counsellor_a.is_superuser
    assert not counsellor_a.is_staff


def test_a_verified_superuser_assigns_roles_but_not_their_own(client, db, centre_a, roleless_user):
    root = _superuser()
    client.force_login(root)
    add = reverse("admin:counselling_staffrole_add")
    assert client.post(add, _role_form(roleless_user, centre_a)).status_code == 302
    assert StaffRole.objects.get(user=roleless_user).centre == centre_a
    entry = AccessLog.objects.get(action="admin")
    assert entry.username == "root"
    assert "added staffrole" in entry.detail
    assert entry.network == centre_a.network
    # Their own role: the form does not offer them, and a change of an existing one is refused.
    response = client.post(add, _role_form(root, centre_a))
    assert response.status_code == 200
    assert not StaffRole.objects.filter(user=root).exists()
    own = StaffRole.objects.create(user=root, role=Role.PROGRAMME)
    change = reverse("admin:counselling_staffrole_change", args=[own.pk])
    assert client.post(change, _role_form(root, centre_a)).status_code == 403
    assert StaffRole.objects.get(user=root).role == Role.PROGRAMME


def test_a_superuser_without_the_second_factor_assigns_nothing(rf, db, roleless_user):
    from django.contrib.admin.sites import site

    root = _superuser()
    request = rf.get("/admin/")
    request.user = root
    root.is_verified = lambda: False
    model_admin = site._registry[StaffRole]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    root.is_verified = lambda: True
    assert model_admin.has_add_permission(request)


def test_admin_changes_of_networks_and_centres_are_audited(client, db, network_a):
    root = _superuser()
    client.force_login(root)
    client.post(
        reverse("admin:counselling_centre_add"),
        {"network": network_a.pk, "name": "Neue Beratungsstelle", "city": "Kassel"},
    )
    centre = Centre.objects.get(name="Neue Beratungsstelle")
    client.post(reverse("admin:counselling_centre_delete", args=[centre.pk]), {"post": "yes"})
    details = list(AccessLog.objects.filter(action="admin").values_list("detail", flat=True))
    assert any(d.startswith(f"admin added centre {centre.pk}") for d in details)
    assert any(d.startswith(f"admin deleted centre {centre.pk}") for d in details)
    assert set(AccessLog.objects.values_list("network", flat=True)) == {network_a.pk}


def test_a_refused_admin_view_of_a_client_is_logged_as_refused(
    client, programme_admin, client_of_a
):
    client.force_login(programme_admin)
    url = reverse("admin:counselling_client_change", args=[client_of_a.pk])
    assert client.get(url).status_code == 403
    entry = AccessLog.objects.get()
    assert (entry.action, entry.client_code) == ("refused", client_of_a.code)
