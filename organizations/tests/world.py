"""A small world for access tests (fixture `world` in the root conftest.py): the default organisation with an
admin, a recruiter and a reviewer, another organisation with a recruiter (the outsider), and real
objects for every URL parameter."""

from dataclasses import dataclass

from django.core.files.base import ContentFile

from analysis.models import EvaluationReport
from interviews.models import Interview, Turn
from interviews.tests.factories import make_interview
from organizations.models import Organization

REPORT_DATA = {
    "overall_score": 3.0, "recommendation": "yes", "confidence": 0.6, "engine": "offline",
    "competencies": [{"name": "System design", "score": 3, "evidence": [{"seq": 2, "quote": "resources"}]}],
    "strengths": [], "concerns": [], "integrity": [], "code": None,
}
ROLES = ("anonymous", "admin", "recruiter", "reviewer", "outsider")


@dataclass
class World:
    users: dict
    other: Organization
    ended: Interview  # ended, with a ready report
    scheduled: Interview  # not started yet: its plan can be edited, its link rotated
    candidate: Interview  # the candidate link's interview (its token is never rotated here)
    candidate_token: str

    @property
    def jd(self):
        return self.ended.jd


def make_world(make_member, organization) -> World:
    other = Organization.objects.create(slug="other", name="Other team")
    users = {
        "admin": make_member("org-admin", "admin"),
        "recruiter": make_member("org-recruiter", "recruiter"),
        "reviewer": make_member("org-reviewer", "reviewer"),
        "outsider": make_member("outsider", "recruiter", org=other),
    }
    ended, _ = make_interview(status=Interview.Status.ENDED)
    Turn.objects.create(interview=ended, seq=1, role="interviewer", kind="question", text="How would you design it?")
    Turn.objects.create(interview=ended, seq=2, role="candidate", kind="answer", text="With resources and verbs.")
    EvaluationReport.objects.create(interview=ended, organization=organization, version=1,
                                    status=EvaluationReport.Status.READY, data=REPORT_DATA, overall_score=3.0)
    jd = ended.jd
    jd.source_format = "txt"
    jd.file.save("jd.txt", ContentFile(b"We need a backend engineer."), save=True)
    scheduled, _ = make_interview()
    candidate, token = make_interview()
    return World(users=users, other=other, ended=ended, scheduled=scheduled, candidate=candidate,
                 candidate_token=token)
