"""Function calling: tools a model may call during one logical call, in a provider-neutral shape.

`gateway.run_tools` drives the loop: ask the model (with the tools), run the calls it makes, send
the results back, until it answers in text or the step budget is spent (then one last call with
tools disabled forces the text). This module holds the types and one `tool_turn` per provider:

- Anthropic (Messages API): `tools` with `input_schema`; the assistant's content blocks are sent
  back verbatim (Claude's thinking blocks must be, with their signatures); results go in a user
  turn as `tool_result` blocks.
- OpenAI-compatible (chat completions): `tools` of type `function`; the assistant message with its
  `tool_calls`, then one `tool` message per result.
- Offline: the prompt's deterministic `offline(context)` sees `context["tool_results"]` (what was
  called so far and what came back) and `context["final"]`, and answers `{"calls": [{"name",
  "arguments"}]}` or `{"text": ...}`: the same tools run, in the same loop, without a network.

Tool turns are not streamed: each is short, and a complete response keeps thinking, text and
calls together. The SDKs own retries as elsewhere in `llm`.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .providers.base import ModelRequest, ProviderError, Usage


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    parameters: dict[str, Any]  # JSON schema of the arguments object
    run: Callable[[dict[str, Any]], str]  # blocking; runs in a worker thread; its text goes to the model


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]


@dataclass
class ToolTurn:
    text: str
    calls: list[ToolCall]
    raw: Any = None  # the provider's assistant message, to be sent back as it came


@dataclass
class ToolStep:
    """One tool call the model made and what it got back."""

    name: str
    arguments: dict[str, Any]
    result: str
    error: bool = False


@dataclass
class ToolRun:
    text: str
    steps: list[ToolStep] = field(default_factory=list)
    provider: str = ""
    model: str = ""


# --- Anthropic ---------------------------------------------------------------------------------


def _anthropic_messages(user: str, history: list[dict]) -> list[dict]:
    messages: list[dict] = [{"role": "user", "content": user}]
    for entry in history:
        if entry["role"] == "assistant":
            messages.append({"role": "assistant", "content": entry["turn"].raw})
        else:
            messages.append({"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": call.id, "content": text, "is_error": error}
                for call, text, error in entry["results"]
            ]})
    return messages


async def _anthropic_turn(model, request: ModelRequest, history: list[dict], tools: list[Tool], final: bool):
    from .providers import anthropic as provider

    system, user = request.prompt.render(request.context)
    params = model._params(request, system, _anthropic_messages(user, history), request.max_tokens)
    params["tools"] = [{"name": t.name, "description": t.description, "input_schema": t.parameters} for t in tools]
    if final:
        params["tool_choice"] = {"type": "none"}
    token = provider._current.set(request)  # lets the SDK middleware count this call's retries
    try:
        message = await provider._client().messages.create(**params)
    except Exception as exc:
        raise provider.provider_error(exc) from exc
    finally:
        provider._current.reset(token)
    u = message.usage
    request.usage.add(Usage(u.input_tokens or 0, u.output_tokens or 0, u.cache_creation_input_tokens or 0,
                            u.cache_read_input_tokens or 0))
    if message.stop_reason == "refusal":
        raise ProviderError(f"{model.model} declined to answer (stop_reason=refusal)")
    text = "".join(block.text for block in message.content if block.type == "text")
    calls = [ToolCall(b.id, b.name, dict(b.input)) for b in message.content if b.type == "tool_use"]
    raw = [block.model_dump(mode="json", exclude_none=True) for block in message.content]
    return ToolTurn(text, calls, raw)


# --- OpenAI-compatible -------------------------------------------------------------------------


def _openai_messages(system: str, user: str, history: list[dict]) -> list[dict]:
    messages: list[dict] = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    for entry in history:
        if entry["role"] == "assistant":
            messages.append(entry["turn"].raw)
        else:
            messages += [{"role": "tool", "tool_call_id": call.id, "content": text}
                         for call, text, _ in entry["results"]]
    return messages


def _arguments(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {"__invalid_json__": (text or "")[:500]}  # the tool reports it back as an error
    return value if isinstance(value, dict) else {"__invalid_json__": (text or "")[:500]}


async def _openai_turn(model, request: ModelRequest, history: list[dict], tools: list[Tool], final: bool):
    from .providers import openai_compat as provider

    system, user = request.prompt.render(request.context)
    params = model._params(request, _openai_messages(system, user, history), request.max_tokens)
    params.pop("stream_options", None)
    params["tools"] = [{"type": "function", "function": {"name": t.name, "description": t.description,
                                                         "parameters": t.parameters}} for t in tools]
    if final:
        params["tool_choice"] = "none"
    try:
        raw = await provider._client().chat.completions.with_raw_response.create(**params)
        completion = raw.parse()
    except Exception as exc:
        raise provider.provider_error(exc) from exc
    request.retries = raw.retries_taken
    if completion.usage is not None:
        usage = Usage()
        provider._set_usage(usage, completion.usage)
        request.usage.add(usage)
    choice = completion.choices[0]
    if getattr(choice.message, "refusal", None) or choice.finish_reason == "content_filter":
        raise ProviderError(f"{model.model} declined to answer")
    made = [c for c in choice.message.tool_calls or [] if getattr(c, "type", "function") == "function"]
    calls = [ToolCall(c.id, c.function.name, _arguments(c.function.arguments)) for c in made]
    message: dict[str, Any] = {"role": "assistant", "content": choice.message.content or ""}
    if made:
        message["tool_calls"] = [{"id": c.id, "type": "function",
                                  "function": {"name": c.function.name, "arguments": c.function.arguments}}
                                 for c in made]
    return ToolTurn(choice.message.content or "", calls, message)


# --- Offline -----------------------------------------------------------------------------------


async def _offline_turn(model, request: ModelRequest, history: list[dict], tools: list[Tool], final: bool):
    if request.prompt.offline is None:
        raise ProviderError(f"prompt {request.prompt.name} has no offline answer")
    done = [{"name": call.name, "arguments": call.arguments, "content": text, "error": error}
            for entry in history if entry["role"] == "tool" for call, text, error in entry["results"]]
    answer = request.prompt.offline({**request.context, "tool_results": done, "final": final})
    if isinstance(answer, str):
        answer = {"text": answer}
    step = sum(1 for entry in history if entry["role"] == "assistant")
    calls = [] if final else [ToolCall(f"offline-{step}-{i}", c["name"], dict(c.get("arguments") or {}))
                              for i, c in enumerate(answer.get("calls") or [])]
    text = str(answer.get("text") or "")
    request.usage = Usage(input_tokens=max(1, len(repr(request.context)) // 4), output_tokens=max(1, len(text) // 4))
    return ToolTurn(text, calls, None)


_TURNS = {"anthropic": _anthropic_turn, "openai": _openai_turn, "offline": _offline_turn}


async def tool_turn(model, request: ModelRequest, history: list[dict], tools: list[Tool], *, final: bool) -> ToolTurn:
    """One model call with tools. `history`: [{"role": "assistant", "turn"} | {"role": "tool", "results"}]."""
    turn = _TURNS.get(model.provider)
    if turn is None:
        raise ProviderError(f"provider {model.provider} does not support tool calls")
    return await turn(model, request, history, tools, final)


def run_tool(tools: dict[str, Tool], call: ToolCall) -> tuple[str, bool]:
    """Run one call; a tool's failure becomes an error result the model can read, never an exception."""
    tool = tools.get(call.name)
    if tool is None:
        return f"error: there is no tool named {call.name!r}", True
    if "__invalid_json__" in call.arguments:
        return "error: the arguments were not a JSON object", True
    try:
        return tool.run(call.arguments), False
    except Exception as exc:  # a tool's bug must not end the review; the model sees what went wrong
        return f"error: {type(exc).__name__}: {exc}"[:1000], True
