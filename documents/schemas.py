"""The validated shapes of extracted fields (PROTOCOL.md, "Shapes every client may rely on").

A model's answer is checked against these before anything is stored; so is the offline extractor's.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

YearMonth = Annotated[str, Field(pattern=r"^(19|20)\d{2}-(0[1-9]|1[0-2])$")]
ShortText = Annotated[str, Field(max_length=300)]
Seniority = Literal["intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director"]


class Role(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: ShortText | None = None
    company: ShortText | None = None
    start: YearMonth | None = None
    end: YearMonth | None = None  # None while the role is current


class Education(BaseModel):
    model_config = ConfigDict(extra="ignore")

    degree: ShortText | None = None
    institution: ShortText | None = None
    year: int | None = Field(default=None, ge=1950, le=2100)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


class ResumeFields(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: ShortText | None = None
    email: ShortText | None = None
    phone: Annotated[str, Field(max_length=40)] | None = None
    links: list[ShortText] = Field(default_factory=list, max_length=30)
    location: ShortText | None = None
    language: Annotated[str, Field(max_length=16)] | None = None
    skills: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=300)
    # Spoken languages ("English", "Spanish"), never in `skills`; programming languages are skills.
    languages: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=40)
    roles: list[Role] = Field(default_factory=list, max_length=60)
    education: list[Education] = Field(default_factory=list, max_length=20)
    total_years: float = Field(default=0.0, ge=0, le=70)

    _dedupe = field_validator("links", "skills", "languages")(_unique)


class JobDescriptionFields(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: ShortText | None = None
    seniority: Seniority | None = None
    required_skills: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=200)
    nice_to_have_skills: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=200)
    # Spoken languages the posting asks for (`languages`) or counts as a plus; never in the skill lists.
    languages: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=40)
    nice_to_have_languages: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=40)
    min_years: float | None = Field(default=None, ge=0, le=40)
    responsibilities: list[Annotated[str, Field(max_length=600)]] = Field(default_factory=list, max_length=60)
    location: ShortText | None = None
    remote: bool | None = None
    work_mode: Literal["remote", "hybrid", "onsite"] | None = None
    language: Annotated[str, Field(max_length=16)] | None = None

    _dedupe = field_validator("required_skills", "nice_to_have_skills", "languages", "nice_to_have_languages")(
        _unique
    )
