"""The report a model must return (validated before anything is stored), matching PROTOCOL.md.

Extensions to the contract's shape, all optional: `summary` (one paragraph) and
`recommendation_note` (why there is no recommendation). `overall_score` and `recommendation` are
null when the transcript holds nothing substantive to judge.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Recommendation = Literal["strong_yes", "yes", "no", "strong_no", "insufficient_evidence"]


class Evidence(BaseModel):
    model_config = ConfigDict(extra="ignore")

    seq: int = Field(ge=1)
    quote: str = Field(min_length=1, max_length=1000)


class CompetencyAssessment(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=1, max_length=200)
    score: float | None = Field(default=None, ge=1, le=5, description="1-5, or null for not enough evidence")
    evidence: list[Evidence] = Field(default_factory=list, max_length=20)


class IntegrityItem(BaseModel):
    name: str
    at: str
    detail: str = ""


class CodeResult(BaseModel):
    task: str
    passed: int
    total: int
    review: str


class ReportOutput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    overall_score: float | None = Field(default=None, ge=1, le=5)
    recommendation: Recommendation | None = None
    confidence: float = Field(default=0.0, ge=0, le=1)
    competencies: list[CompetencyAssessment] = Field(default_factory=list, max_length=30)
    strengths: list[str] = Field(default_factory=list, max_length=20)
    concerns: list[str] = Field(default_factory=list, max_length=30)
    integrity: list[IntegrityItem] = Field(default_factory=list)
    code: CodeResult | None = None
    summary: str = Field(default="", max_length=3000)
