"""The ModelCall admin: a filterable read-only list and the cost and latency summary page."""

import pytest
from django.urls import reverse

from .test_selectors import make_call, make_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "s3cret-pass!")
    client.force_login(admin)
    return client


def test_changelist_shows_calls_with_filters_and_a_summary_link(admin_client):
    interview = make_interview(1)
    make_call(interview=interview, ttft=123.4, total=456.7, input_tokens=11, output_tokens=22, outcome="retried")
    url = reverse("admin:llm_modelcall_changelist")

    response = admin_client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "interviewer_turn v1" in page and "11 / 22 / 0 / 0" in page and "123" in page
    assert reverse("admin:llm_modelcall_summary") in page
    for query in (
        "outcome__exact=retried",
        "role__exact=main",
        "provider__exact=anthropic",
        "prompt_name__exact=interviewer_turn",
        f"interview__id__exact={interview.pk}",
    ):
        filtered = admin_client.get(f"{url}?{query}")
        assert filtered.status_code == 200 and "interviewer_turn v1" in filtered.content.decode(), query


def test_calls_cannot_be_added_or_edited(admin_client):
    call = make_call()

    assert admin_client.get(reverse("admin:llm_modelcall_add")).status_code == 403
    response = admin_client.post(reverse("admin:llm_modelcall_change", args=[call.pk]), {"role": "mini"})
    assert response.status_code == 403
    call.refresh_from_db()
    assert call.role == "main"


def test_summary_page_shows_cost_and_median_latency(admin_client):
    interview = make_interview(1)
    make_call(interview=interview, cost="0.0125", ttft=100, total=1000)
    make_call(interview=interview, cost="0.0250", ttft=300, total=3000)

    response = admin_client.get(reverse("admin:llm_modelcall_summary"), {"days": "7"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "last 7 days" in page
    assert "0.0375" in page  # total cost, per day and per interview
    assert f"#{interview.pk}" in page and ">200<" in page and ">2000<" in page


def test_summary_page_needs_staff(client):
    response = client.get(reverse("admin:llm_modelcall_summary"))

    assert response.status_code == 302
