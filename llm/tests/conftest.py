"""Fixtures for the llm tests: prompts in a temporary template dir, and fake model servers wired
under the real SDK clients by swapping only the HTTP transport."""

import anthropic
import openai
import pytest
from pydantic import BaseModel, Field

from llm.models import ModelCall
from llm.prompts import Prompt
from llm.providers import anthropic as anthropic_provider
from llm.providers import openai_compat

from .recordings import FakeServer


class CandidateFacts(BaseModel):
    name: str
    years: float = Field(ge=0)
    skills: list[str]


def _turn_answer(context: dict) -> str:
    return f"Tell me about {context['topic']} in your last project, and what you would change."


def _facts_answer(context: dict) -> dict:
    return {"name": "Ada Lovelace", "years": 7, "skills": ["python", context["topic"]]}


@pytest.fixture
def prompt_dir(tmp_path):
    (tmp_path / "test_turn.v1.txt").write_text(
        "[system]\nYou are a careful technical interviewer. Ask one question at a time.\n"
        "[user]\nAsk the candidate about {{ topic }}.\n"
    )
    (tmp_path / "test_facts.v2.txt").write_text(
        "[system]\nExtract the candidate's facts from the resume in the data block.\n[user]\n{{ resume }}\n"
    )
    return tmp_path


@pytest.fixture
def turn_prompt(prompt_dir) -> Prompt:
    return Prompt("test_turn", 1, role="main", offline=_turn_answer, max_tokens=300, template_dir=prompt_dir)


@pytest.fixture
def facts_prompt(prompt_dir) -> Prompt:
    return Prompt(
        "test_facts",
        2,
        role="mini",
        schema=CandidateFacts,
        offline=_facts_answer,
        max_tokens=500,
        template_dir=prompt_dir,
    )


@pytest.fixture(autouse=True)
def _no_fallback_by_default(settings):
    settings.LLM_FALLBACK = ""
    settings.LLM_TIMEOUT_S = 5.0


@pytest.fixture
def anthropic_server(monkeypatch, settings) -> FakeServer:
    """Claude for both roles, answered by a FakeServer under the real AsyncAnthropic client."""
    server = FakeServer()
    monkeypatch.setattr(
        anthropic_provider,
        "http_client_factory",
        lambda: anthropic.DefaultAsyncHttpxClient(transport=server.transport()),
    )
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = ""
    settings.LLM_MAIN = "anthropic:claude-sonnet-5-5"
    settings.LLM_MINI = "anthropic:claude-haiku-5-5"
    return server


@pytest.fixture
def openai_server(monkeypatch, settings) -> FakeServer:
    """An OpenAI-compatible local server for both roles, under the real AsyncOpenAI client."""
    server = FakeServer()
    monkeypatch.setattr(
        openai_compat, "http_client_factory", lambda: openai.DefaultAsyncHttpxClient(transport=server.transport())
    )
    monkeypatch.setattr(openai_compat, "_no_json_schema", set())
    monkeypatch.setattr(openai_compat, "_no_stream_options", set())
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = "http://127.0.0.1:11434/v1"
    settings.LLM_MAIN = "openai:llama-3.3-70b"
    settings.LLM_MINI = "openai:llama-3.3-70b"
    return server


async def calls() -> list[ModelCall]:
    """The recorded model calls, oldest first."""
    return [call async for call in ModelCall.objects.order_by("id")]
