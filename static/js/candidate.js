/* The candidate's chat: one WebSocket to the interview, speaking the frames in PROTOCOL.md.
 * Every server or candidate text is rendered with textContent, never as HTML. */
(function () {
  "use strict";

  var root = document.getElementById("interview");
  if (!root) return;

  var PING_MS = 20000;
  var PONG_TIMEOUT_MS = 10000;
  var BACKOFF_BASE_MS = 500;
  var BACKOFF_CAP_MS = 10000;
  var FILLER_MS = 8000;
  var OUTBOX_CAP = 50;
  var RUN_WAIT_MS = 60000;  // the server answers a run within ~40 s; past this the button comes back
  // Errors that answer a `code.run` (they carry no client_id): the run is over, the button comes back.
  var RUN_ERRORS = { too_many_runs: 1, empty_code: 1, code_too_long: 1, unsupported_language: 1, invalid_field: 1,
                     no_coding_task: 1, try_again: 1, wrong_task: 1, unknown_task: 1, code_too_large: 1 };
  var PENDING_KEY = "interview:" + root.dataset.interviewId + ":pending";

  // Close codes after which reconnecting cannot help: say why and stop.
  var FINAL_CLOSES = {
    4401: "This interview link is no longer valid: it may have expired or been replaced by a new one. " +
          "Please ask the person who invited you for a new link.",
    4409: "This interview is open in another tab or window, so this one was disconnected.",
    4410: "This interview has already ended."
  };
  var END_REASONS = {
    completed: "The interview is complete.",
    candidate_ended: "You ended the interview.",
    timeout: "The time for this interview is up.",
    abandoned: "The interview was closed after a long time without activity."
  };
  var PHASES = {
    waiting: "Waiting to start", greeting: "Introduction", topics: "Questions",
    closing: "Wrapping up", ended: "Ended"
  };

  var el = {
    transcript: document.getElementById("transcript"),
    connection: document.getElementById("connection"),
    filler: document.getElementById("filler"),
    error: document.getElementById("error"),
    announce: document.getElementById("announce"),
    phase: document.getElementById("phase"),
    timer: document.getElementById("timer"),
    composer: document.getElementById("composer"),
    answer: document.getElementById("answer"),
    send: document.getElementById("send-button"),
    end: document.getElementById("end-button"),
    ended: document.getElementById("ended"),
    endedReason: document.getElementById("ended-reason"),
    codeTask: document.getElementById("code-task"),
    codePrompt: document.getElementById("code-prompt"),
    codeLanguage: document.getElementById("code-language"),
    codeInput: document.getElementById("code-input"),
    codeSubmit: document.getElementById("code-submit"),
    codeRun: document.getElementById("code-run"),
    codeResults: document.getElementById("code-results"),
    codeResultsSummary: document.getElementById("code-results-summary"),
    codeResultsList: document.getElementById("code-results-list"),
    codeStatus: document.getElementById("code-status"),
    start: document.getElementById("start"),
    consent: document.getElementById("consent"),
    startButton: document.getElementById("start-button"),
    startHelp: document.getElementById("start-help"),
    progress: document.getElementById("progress")
  };

  var s = {
    ws: null,
    attempt: 0,
    reconnectTimer: null,
    pingTimer: null,
    pongTimer: null,
    fillerTimer: null,
    lastSeq: 0,
    phase: root.dataset.phase,
    ended: false,
    stopped: false,       // a final close code: no automatic reconnect
    bubbles: {},          // seq -> <li>
    finalSeqs: {},        // seq -> true once its `turn` frame arrived
    pending: [],          // candidate messages not yet acknowledged by a `turn`: {client_id, text, li}
    replayUntil: null,    // the server's last_seq from `session`, until the replay reaches it
    outbox: [],           // signals raised while offline
    deadline: null,
    remaining: null,
    announced: {},
    waiting: root.dataset.status === "scheduled",  // the start page is shown until `start`
    codeOpen: false,
    runId: null,          // client_id of the examples run waiting for its `code.result`
    runTimer: null,
    escapeTab: false,     // Esc was pressed in the editor: the next Tab leaves it
    retryAfterMs: 0       // a limit's `retry_after_s`: the next reconnect waits at least this long
  };

  /* ---------- small helpers ---------- */

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // randomUUID exists only in secure contexts; plain-http test setups still need unique ids.
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // The server strips invisible characters and trims; compare texts the same way.
  function normalise(text) {
    return String(text || "").replace(/[\u200B-\u200F\u2060-\u2064\uFEFF]/g, "").replace(/\s+/g, " ").trim();
  }

  function setConnection(text) { el.connection.textContent = text; }

  function showError(text) {
    el.error.textContent = text;
    el.error.hidden = false;
  }

  function clearError() {
    el.error.hidden = true;
    el.error.textContent = "";
  }

  function announce(text) { el.announce.textContent = text; }

  function nearBottom() {
    var t = el.transcript;
    return t.scrollHeight - t.scrollTop - t.clientHeight < 80;
  }

  function keepScrolled(wasNearBottom) {
    if (wasNearBottom) el.transcript.scrollTop = el.transcript.scrollHeight;
  }

  /* ---------- a small, safe Markdown renderer for the coding task ----------
   * Only DOM nodes and textContent: the task's text is never parsed as HTML, so nothing in it can
   * become markup. Paragraphs, fenced code blocks, `code` spans, **bold**, and - / 1. lists. */

  function appendInline(parent, text) {
    var pattern = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;
    var last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var token = match[0];
      var kind = token.charAt(0) === "`" ? "code" : token.charAt(1) === "*" ? "strong" : "em";
      var node = document.createElement(kind);
      node.textContent = kind === "strong" ? token.slice(2, -2) : token.slice(1, -1);
      parent.appendChild(node);
      last = match.index + token.length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderMarkdown(container, source) {
    container.textContent = "";
    var lines = String(source || "").replace(/\r\n?/g, "\n").split("\n");
    var i = 0, paragraph = [], list = null;
    function flushParagraph() {
      if (!paragraph.length) return;
      var p = document.createElement("p");
      appendInline(p, paragraph.join(" "));
      container.appendChild(p);
      paragraph = [];
    }
    function flushList() { list = null; }
    while (i < lines.length) {
      var line = lines[i];
      var fence = /^\s*```/.test(line);
      var bullet = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
      if (fence) {
        flushParagraph(); flushList();
        var code = [];
        i += 1;
        while (i < lines.length && !/^\s*```/.test(lines[i])) { code.push(lines[i]); i += 1; }
        var pre = document.createElement("pre");
        var codeEl = document.createElement("code");
        codeEl.textContent = code.join("\n");
        pre.appendChild(codeEl);
        container.appendChild(pre);
      } else if (bullet) {
        flushParagraph();
        var ordered = bullet[1] !== undefined;
        if (!list || (list.tagName === "OL") !== ordered) {
          list = document.createElement(ordered ? "ol" : "ul");
          container.appendChild(list);
        }
        var li = document.createElement("li");
        appendInline(li, bullet[2]);
        list.appendChild(li);
      } else if (!line.trim()) {
        flushParagraph(); flushList();
      } else if (list && list.lastChild) {
        appendInline(list.lastChild, " " + line.trim());  // a list item's text goes on over lines
      } else {
        paragraph.push(line.trim());
      }
      i += 1;
    }
    flushParagraph();
  }

  /* ---------- progress: question N of M ---------- */

  var PARTS = { introduction: "Introduction", coding: "Coding task", your_questions: "Your questions",
                closing: "Wrapping up" };

  function setProgress(progress) {
    if (!progress || !el.progress) return;
    // "Question N of M" stays in view; outside the numbered questions the part is named too.
    var parts = [];
    if (progress.of) parts.push("Question " + progress.question + " of " + progress.of);
    if (PARTS[progress.part]) parts.push(PARTS[progress.part]);
    el.progress.textContent = parts.join(" · ") || "—";
    if (s.codeOpen && progress.part !== "coding") closeCodeTask("The coding task is closed.");
  }

  /* ---------- transcript ---------- */

  function makeBubble(role) {
    var li = document.createElement("li");
    li.className = "turn " + role;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = role === "candidate" ? "You" : "Interviewer";
    var text = document.createElement("p");
    text.className = "text";
    var note = document.createElement("span");
    note.className = "note";
    li.appendChild(who);
    li.appendChild(text);
    li.appendChild(note);
    return li;
  }

  function part(li, name) { return li.querySelector("." + name); }

  // Keep bubbles in seq order; unacknowledged candidate messages stay at the end.
  function place(li, seq) {
    var children = el.transcript.children;
    for (var i = 0; i < children.length; i++) {
      var other = children[i];
      if (other === li) continue;
      var otherSeq = other.dataset.seq ? Number(other.dataset.seq) : Infinity;
      if (otherSeq > seq) { el.transcript.insertBefore(li, other); return; }
    }
    el.transcript.appendChild(li);
  }

  function bubbleFor(seq, role) {
    var li = s.bubbles[seq];
    if (!li) {
      li = makeBubble(role);
      li.dataset.seq = String(seq);
      s.bubbles[seq] = li;
      place(li, seq);
    }
    return li;
  }

  function setFinal(li, text) {
    part(li, "text").textContent = text;
    li.classList.remove("live", "pending");
    li.removeAttribute("aria-busy");
    part(li, "note").textContent = li.classList.contains("cancelled") ? "(interrupted)" : "";
  }

  // After a reconnect the server re-sends an unfinished interviewer turn from its start.
  function resetLiveBubbles() {
    Object.keys(s.bubbles).forEach(function (seq) {
      if (s.finalSeqs[seq]) return;
      var li = s.bubbles[seq];
      part(li, "text").textContent = "";
      li.classList.remove("cancelled");
      part(li, "note").textContent = "";
    });
  }

  /* ---------- candidate messages awaiting acknowledgement ---------- */

  function savePending() {
    try {
      var plain = s.pending.map(function (p) { return { client_id: p.client_id, text: p.text }; });
      sessionStorage.setItem(PENDING_KEY, JSON.stringify(plain));
    } catch (e) { /* storage may be disabled; the in-memory queue still works */ }
  }

  function addPending(clientId, text) {
    var li = makeBubble("candidate");
    li.classList.add("pending");
    li.dataset.clientId = clientId;
    part(li, "text").textContent = text;
    part(li, "note").textContent = "Sending…";
    el.transcript.appendChild(li);
    keepScrolled(true);  // the candidate's own message always comes into view
    s.pending.push({ client_id: clientId, text: text, li: li });
    savePending();
  }

  function restorePending() {
    var stored = [];
    try { stored = JSON.parse(sessionStorage.getItem(PENDING_KEY) || "[]"); } catch (e) { stored = []; }
    stored.forEach(function (p) {
      if (p && typeof p.client_id === "string" && typeof p.text === "string") addPending(p.client_id, p.text);
    });
  }

  // A candidate `turn` acknowledges the pending message it stores: by client_id when the server
  // echoes it, else by its text.
  function takePending(frame) {
    for (var i = 0; i < s.pending.length; i++) {
      var p = s.pending[i];
      var same = frame.client_id ? frame.client_id === p.client_id : normalise(frame.text) === normalise(p.text);
      if (same) {
        s.pending.splice(i, 1);
        savePending();
        return p.li;
      }
    }
    return null;
  }

  function resendPending() {
    s.pending.forEach(function (p) {
      send({ type: "candidate.message", text: p.text, client_id: p.client_id });
    });
  }

  /* ---------- frames from the server ---------- */

  function onTurn(f) {
    var seq = Number(f.seq);
    var stick = nearBottom();
    var li = s.bubbles[seq];
    if (!li && f.role === "candidate") {
      li = takePending(f);
      if (li) {
        li.dataset.seq = String(seq);
        s.bubbles[seq] = li;
        place(li, seq);
      }
    }
    li = li || bubbleFor(seq, f.role === "candidate" ? "candidate" : "interviewer");
    if (f.kind === "code") li.classList.add("code");  // shown as code: monospace, indentation kept
    setFinal(li, f.text || "");
    s.finalSeqs[seq] = true;
    if (seq > s.lastSeq) s.lastSeq = seq;
    if (f.role !== "candidate") clearFiller();
    keepScrolled(stick);
    afterReplay();
  }

  function onDelta(f) {
    var seq = Number(f.seq);
    if (s.finalSeqs[seq]) return;  // the complete turn already replaced the stream
    clearFiller();
    var stick = nearBottom();
    var li = bubbleFor(seq, "interviewer");
    li.classList.add("live");
    li.setAttribute("aria-busy", "true");
    var body = part(li, "text");
    var piece = f.text || "";
    // With an offset (where the piece starts in the turn), a repeated piece overwrites itself
    // instead of doubling; without one, pieces simply follow each other.
    if (typeof f.offset === "number" && f.offset <= body.textContent.length) {
      body.textContent = body.textContent.slice(0, f.offset) + piece;
    } else {
      body.appendChild(document.createTextNode(piece));
    }
    keepScrolled(stick);
  }

  function onCancelled(f) {
    var li = s.bubbles[Number(f.seq)];
    if (!li) return;
    li.classList.add("cancelled");
    li.classList.remove("live");
    li.removeAttribute("aria-busy");
    part(li, "note").textContent = "(interrupted)";
  }

  function showFiller(text) {
    el.filler.textContent = text || "";
    clearTimeout(s.fillerTimer);
    s.fillerTimer = setTimeout(clearFiller, FILLER_MS);
  }

  function clearFiller() {
    clearTimeout(s.fillerTimer);
    el.filler.textContent = "";
  }

  function showStartPage(waiting) {
    s.waiting = waiting;
    root.classList.toggle("before-start", waiting);
    el.start.hidden = !waiting;
    if (waiting) {
      el.startButton.textContent = "Start the interview";
      el.startButton.disabled = !el.consent.checked;
    }
  }

  function onSession(f) {
    s.attempt = 0;
    setConnection("Connected");
    clearError();
    resetLiveBubbles();
    setPhase(f.phase);
    setTimer(f.time_left_s);
    setProgress(f.progress);
    var wasWaiting = s.waiting;
    showStartPage(f.status === "scheduled");
    if (f.status === "scheduled") { flushOutbox(); return; }
    if (wasWaiting) el.answer.focus();
    if (f.status === "ended") { finish(root.dataset.endReason || ""); return; }
    flushOutbox();
    // Unacknowledged answers go again only after the replay: one the server already stored comes
    // back as a `turn`, and resending it while a reply streams could interrupt that reply.
    s.replayUntil = Number(f.last_seq) || 0;
    afterReplay();
  }

  function afterReplay() {
    if (s.replayUntil === null || s.lastSeq < s.replayUntil) return;
    s.replayUntil = null;
    resendPending();
  }

  function onCodeTask(f) {
    if (s.codeOpen && el.codeTask.dataset.seq === String(f.seq)) return;  // a replay: keep the candidate's code
    renderMarkdown(el.codePrompt, f.prompt || "");
    el.codeLanguage.textContent = f.language || "code";
    el.codeInput.value = f.starter_code || "";
    el.codeInput.readOnly = false;
    el.codeTask.dataset.language = f.language || "";
    el.codeTask.dataset.seq = String(f.seq);
    el.codeSubmit.disabled = false;
    el.codeSubmit.textContent = "Submit code";
    el.codeStatus.textContent = "";
    // The task's visible examples can be run in the sandbox before submitting.
    el.codeTask.dataset.runExamples = "on";
    el.codeRun.hidden = el.codeTask.dataset.runExamples !== "on";
    el.codeTask.hidden = false;
    s.codeOpen = true;
    runDone();
    clearResults();
    document.body.classList.add("coding");
    keepScrolled(true);  // the newest message stays in view
    announce("A coding task has started.");
  }

  function closeCodeTask(text) {
    s.codeOpen = false;
    runDone();
    el.codeSubmit.disabled = true;
    el.codeRun.disabled = true;
    el.codeInput.readOnly = true;
    el.codeTask.hidden = true;
    document.body.classList.remove("coding");
    if (text) announce(text);
  }

  var HANDLERS = {
    "session": onSession,
    "turn": onTurn,
    "interviewer.delta": onDelta,
    "interviewer.filler": function (f) { showFiller(f.text); },
    "interviewer.cancelled": onCancelled,
    "code.task": onCodeTask,
    "code.result": onCodeResult,
    "state": function (f) { setPhase(f.phase); setTimer(f.time_left_s); setProgress(f.progress); },
    "ended": function (f) { finish(f.reason); },
    "error": onError,
    "pong": function () { clearTimeout(s.pongTimer); }
  };

  // Integrity telemetry past its limits: nothing the candidate can act on, so nothing is shown.
  var QUIET_ERRORS = { signal_limit_reached: true, signal_too_large: true };

  // An answer the server refused (a limit: rate_limited, turn_limit_reached) goes back into the box,
  // so it is neither lost nor shown as sent.
  function returnAnswer(clientId) {
    for (var i = 0; i < s.pending.length; i++) {
      var p = s.pending[i];
      if (p.client_id !== clientId) continue;
      s.pending.splice(i, 1);
      savePending();
      if (p.li && p.li.parentNode) p.li.parentNode.removeChild(p.li);
      el.answer.value = el.answer.value ? p.text + "\n" + el.answer.value : p.text;
      return;
    }
  }

  function onError(f) {
    if (QUIET_ERRORS[f.code]) return;
    if (f.retry_after_s) s.retryAfterMs = Number(f.retry_after_s) * 1000;
    if (f.client_id) returnAnswer(f.client_id);
    showError(f.message || "Something went wrong with the last action.");
    if (s.runId && RUN_ERRORS[f.code]) {
      runDone();
      el.codeStatus.textContent = "The examples did not run.";
    }
    if (f.code === "no_coding_task" && s.codeOpen) closeCodeTask("The coding task is closed.");
    if (s.waiting) showStartPage(true);  // e.g. consent_required: the Start button comes back
  }

  function onFrame(event) {
    var frame;
    try { frame = JSON.parse(event.data); } catch (e) { return; }
    var handler = frame && HANDLERS[frame.type];
    if (handler) handler(frame);
  }

  /* ---------- phase and timer ---------- */

  function setPhase(phase) {
    if (!phase) return;
    s.phase = phase;
    el.phase.textContent = PHASES[phase] || phase;
    el.phase.className = "badge phase-" + phase;
  }

  function formatTime(seconds) {
    var m = Math.floor(seconds / 60);
    var sec = seconds % 60;
    return m + ":" + (sec < 10 ? "0" : "") + sec;
  }

  function setTimer(seconds) {
    if (seconds === null || seconds === undefined) return;
    s.deadline = Date.now() + Number(seconds) * 1000;
    s.remaining = Math.max(0, Math.round(Number(seconds)));
    renderTimer();
  }

  // The server's `state` frames are the truth; between them the page counts down on its own.
  function tick() {
    if (s.deadline === null || s.ended) return;
    if (s.phase === "waiting") { s.deadline = Date.now() + s.remaining * 1000; return; }
    s.remaining = Math.max(0, Math.round((s.deadline - Date.now()) / 1000));
    renderTimer();
    [300, 60].forEach(function (mark) {
      if (s.remaining <= mark && s.remaining > mark - 5 && !s.announced[mark]) {
        s.announced[mark] = true;
        announce(mark / 60 + (mark === 60 ? " minute" : " minutes") + " left.");
      }
    });
  }

  function renderTimer() {
    el.timer.textContent = formatTime(s.remaining);
    el.timer.classList.toggle("low", s.remaining <= 60);
  }

  /* ---------- the connection ---------- */

  function wsUrl() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + location.host + root.dataset.wsPath;
  }

  function send(frame) {
    if (!s.ws || s.ws.readyState !== WebSocket.OPEN) return false;
    s.ws.send(JSON.stringify(frame));
    return true;
  }

  function connect() {
    clearTimeout(s.reconnectTimer);
    if (s.ended) return;
    s.stopped = false;
    setConnection(s.attempt ? "Reconnecting…" : "Connecting…");
    var ws = new WebSocket(wsUrl());  // the session cookie set by this page authenticates it
    s.ws = ws;
    ws.onopen = function () {
      send({ type: "hello", last_seq: s.lastSeq });
      startHeartbeat();
    };
    ws.onmessage = onFrame;
    ws.onclose = function (event) { if (s.ws === ws) onClosed(event.code); };
  }

  function onClosed(code) {
    stopHeartbeat();
    s.ws = null;
    if (s.runId) {  // its result was for the socket that closed: the candidate may run it again
      runDone();
      el.codeStatus.textContent = "The connection dropped while the examples ran; run them again.";
    }
    if (s.ended) return;
    if (code === 4410) { finish(root.dataset.endReason || ""); return; }
    if (FINAL_CLOSES[code]) { stop(code); return; }
    scheduleReconnect();
  }

  function stop(code) {
    s.stopped = true;
    setConnection("Disconnected");
    showError(FINAL_CLOSES[code]);
    setInputEnabled(false);
    if (code === 4409) offerTakeOver();
  }

  function offerTakeOver() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "take-over";
    button.textContent = "Continue in this tab";
    button.addEventListener("click", function () {
      clearError();
      setInputEnabled(true);
      s.attempt = 0;
      connect();
    });
    el.error.appendChild(document.createTextNode(" "));
    el.error.appendChild(button);
  }

  function scheduleReconnect() {
    var delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * Math.pow(2, s.attempt));
    delay = Math.round(delay * (0.75 + Math.random() * 0.25));  // jitter: tabs do not retry in lockstep
    delay = Math.max(delay, s.retryAfterMs);  // a limit said when to come back
    s.retryAfterMs = 0;
    s.attempt += 1;
    setConnection("Connection lost. Reconnecting in " + Math.ceil(delay / 1000) + " s… Your answers are kept.");
    clearTimeout(s.reconnectTimer);
    s.reconnectTimer = setTimeout(connect, delay);
  }

  // A socket that stops answering pings is dropped at once rather than waiting for TCP to notice.
  function dropSocket() {
    var ws = s.ws;
    if (!ws) return;
    s.ws = null;
    ws.onclose = null;
    try { ws.close(); } catch (e) { /* already closing */ }
    onClosed(1006);
  }

  function startHeartbeat() {
    stopHeartbeat();
    s.pingTimer = setInterval(function () {
      if (!send({ type: "ping" })) return;
      clearTimeout(s.pongTimer);
      s.pongTimer = setTimeout(dropSocket, PONG_TIMEOUT_MS);
    }, PING_MS);
  }

  function stopHeartbeat() {
    clearInterval(s.pingTimer);
    clearTimeout(s.pongTimer);
  }

  function reconnectNow() {
    if (s.ws || s.ended || s.stopped) return;
    s.attempt = 0;
    connect();
  }

  /* ---------- the candidate's actions ---------- */

  function setInputEnabled(enabled) {
    el.answer.disabled = !enabled;
    el.send.disabled = !enabled;
    el.end.disabled = !enabled;
    el.codeSubmit.disabled = !enabled || !s.codeOpen || el.codeInput.readOnly;
    el.codeRun.disabled = !enabled || !s.codeOpen || el.codeInput.readOnly || s.runId !== null;
    el.startButton.disabled = !enabled || !el.consent.checked;
  }

  function startInterview() {
    if (!el.consent.checked || !s.waiting) return;
    if (!send({ type: "start", consent: true })) {
      showError("Not connected right now. Please wait a moment and press Start again.");
      return;
    }
    clearError();
    el.startButton.disabled = true;
    el.startButton.textContent = "Starting…";
  }

  /* The editor: Tab indents (Shift+Tab outdents) the line or the selected lines; Esc, then Tab, moves
   * focus on as usual, so a keyboard user is never trapped in it. */
  var INDENT = "    ";

  function indentSelection(outdent) {
    var area = el.codeInput;
    var value = area.value, start = area.selectionStart, end = area.selectionEnd;
    var lineStart = value.lastIndexOf("\n", start - 1) + 1;
    if (!outdent && start === end) {
      area.setRangeText(INDENT, start, end, "end");
      return;
    }
    var block = value.slice(lineStart, end);
    var lines = block.split("\n");
    var changed = lines.map(function (line) {
      if (!outdent) return INDENT + line;
      var strip = /^( {1,4}|\t)/.exec(line);
      return strip ? line.slice(strip[0].length) : line;
    });
    var replaced = changed.join("\n");
    area.setRangeText(replaced, lineStart, end, "preserve");
    var firstDelta = changed[0].length - lines[0].length;
    area.selectionStart = Math.max(lineStart, start + firstDelta);
    area.selectionEnd = end + (replaced.length - block.length);
  }

  function onEditorKey(event) {
    if (event.key === "Escape") { s.escapeTab = true; return; }
    if (event.key !== "Tab" || event.ctrlKey || event.altKey || event.metaKey) { s.escapeTab = false; return; }
    if (s.escapeTab || el.codeInput.readOnly) { s.escapeTab = false; return; }  // leave the editor
    event.preventDefault();
    indentSelection(event.shiftKey);
  }

  function sendAnswer() {
    var text = el.answer.value.trim();
    if (!text || s.ended) return;
    var clientId = newId();
    addPending(clientId, text);
    el.answer.value = "";
    clearError();
    // Offline, the message waits in `pending` and goes out after the next `session`.
    send({ type: "candidate.message", text: text, client_id: clientId });
    el.answer.focus();
  }

  function submitCode() {
    var code = el.codeInput.value;
    if (!code.trim() || s.ended) return;
    if (!send({ type: "code.submit", language: el.codeTask.dataset.language || "", code: code, client_id: newId() })) {
      showError("Not connected right now. Your code is still here; submit it again once connected.");
      return;
    }
    el.codeSubmit.disabled = true;  // one submission: the task is handed in
    el.codeSubmit.textContent = "Submitted";
    el.codeInput.readOnly = true;
    el.codeRun.disabled = true;
    el.codeStatus.textContent = "Your code was submitted.";
    announce("Code submitted.");
  }

  /* Run examples: the task's visible examples run in the sandbox on the code as it is now. Nothing of
   * it is a turn or evidence; the result lists each example. What came back is the code's output:
   * untrusted, so it is shown with textContent only. */
  function runExamples() {
    var code = el.codeInput.value;
    if (!s.codeOpen || el.codeInput.readOnly || s.runId !== null || s.ended) return;
    if (!code.trim()) { el.codeStatus.textContent = "Write some code first, then run the examples."; return; }
    var clientId = newId();
    if (!send({ type: "code.run", language: el.codeTask.dataset.language || "", code: code, client_id: clientId })) {
      showError("Not connected right now. Run the examples again once connected.");
      return;
    }
    clearError();
    s.runId = clientId;
    el.codeRun.disabled = true;
    el.codeRun.textContent = "Running…";
    el.codeResults.setAttribute("aria-busy", "true");
    el.codeStatus.textContent = "Running the examples…";
    s.runTimer = setTimeout(function () {
      if (s.runId !== clientId) return;
      runDone();
      el.codeStatus.textContent = "No result came back for the examples; please run them again.";
    }, RUN_WAIT_MS);
  }

  function runDone() {
    clearTimeout(s.runTimer);
    s.runId = null;
    el.codeRun.textContent = "Run examples";
    el.codeRun.disabled = !s.codeOpen || el.codeInput.readOnly || !s.ws;
    el.codeResults.removeAttribute("aria-busy");
  }

  function clearResults() {
    el.codeResults.hidden = true;
    el.codeResultsSummary.textContent = "";
    el.codeResultsList.textContent = "";
  }

  function shownValue(value) {
    if (typeof value === "string" && value.length > 0 && value.charAt(value.length - 1) === "…") return value;
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }

  function resultLine(label, text, className) {
    var line = document.createElement("div");
    line.className = className || "example-line";
    var name = document.createElement("span");
    name.className = "example-label";
    name.textContent = label + " ";
    var value = document.createElement("code");
    value.textContent = text;
    line.appendChild(name);
    line.appendChild(value);
    return line;
  }

  function onCodeResult(f) {
    if (!s.runId || f.client_id !== s.runId) return;  // an older run's answer
    runDone();
    el.codeResultsList.textContent = "";
    var summary;
    if (f.status === "ran") {
      summary = (f.passed === f.total ? "All " + f.total + " examples passed." :
        f.passed + " of " + f.total + " examples passed.");
      (f.tests || []).forEach(function (t) {
        var li = document.createElement("li");
        li.className = "example " + (t.passed ? "passed" : "failed");
        var head = document.createElement("div");
        head.className = "example-head";
        var mark = document.createElement("span");
        mark.className = "example-mark";
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = t.passed ? "✓" : "✗";
        var name = document.createElement("strong");
        name.textContent = (t.passed ? "Passed: " : "Failed: ") + (t.name || "example");
        head.appendChild(mark);
        head.appendChild(name);
        li.appendChild(head);
        li.appendChild(resultLine("Call", String(t.call || "")));
        li.appendChild(resultLine("Expected", shownValue(t.expected)));
        if (t.error) li.appendChild(resultLine("Error", String(t.error), "example-line example-error"));
        else if ("got" in t) li.appendChild(resultLine("Got", shownValue(t.got)));
        el.codeResultsList.appendChild(li);
      });
    } else if (f.status === "not_run") {
      summary = f.message || "The examples can't run right now. You can still submit your code.";
    } else {
      summary = f.message || "The examples could not be run this time. You can still submit your code.";
    }
    el.codeResultsSummary.textContent = summary;
    el.codeResults.hidden = false;
    el.codeStatus.textContent = "";
    if (el.codeResults.scrollIntoView) el.codeResults.scrollIntoView({ block: "nearest" });  // below the editor
    announce(summary);
  }

  function endInterview() {
    if (s.ended) return;
    if (!window.confirm("End the interview now? You will not be able to continue it.")) return;
    if (!send({ type: "end" })) {
      showError("Not connected right now, so the interview could not be ended. Please try again in a moment.");
      return;
    }
    el.end.disabled = true;
  }

  function sendSignal(name, detail) {
    var frame = { type: "signal", name: name };
    if (detail) frame.detail = detail;
    if (send(frame)) return;
    if (s.outbox.length < OUTBOX_CAP) s.outbox.push(frame);
  }

  function flushOutbox() {
    var queued = s.outbox;
    s.outbox = [];
    queued.forEach(function (frame) { if (!send(frame)) s.outbox.push(frame); });
  }

  function onPaste(event) {
    var pasted = event.clipboardData ? event.clipboardData.getData("text") : "";
    sendSignal("paste", String(pasted.length) + " characters");
  }

  function finish(reason) {
    s.ended = true;
    clearTimeout(s.reconnectTimer);
    stopHeartbeat();
    clearFiller();
    setInputEnabled(false);
    el.composer.hidden = true;  // nothing more to answer; the thank-you takes its place
    el.codeTask.hidden = true;
    setPhase("ended");
    el.endedReason.textContent = END_REASONS[reason] || "This interview has ended.";
    el.ended.hidden = false;
    el.ended.focus();
    setConnection("");
    s.pending = [];
    savePending();
    if (s.ws) {
      var ws = s.ws;
      s.ws = null;
      ws.onclose = null;
      ws.close(1000);
    }
  }

  /* ---------- wiring ---------- */

  el.composer.addEventListener("submit", function (event) {
    event.preventDefault();
    sendAnswer();
  });
  el.answer.addEventListener("keydown", function (event) {
    // Enter sends; Shift+Enter (and Enter while an input method is composing) adds a line.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      sendAnswer();
    }
  });
  el.answer.addEventListener("paste", onPaste);
  el.codeInput.addEventListener("paste", onPaste);
  el.codeSubmit.addEventListener("click", submitCode);
  el.codeRun.addEventListener("click", runExamples);
  el.codeInput.addEventListener("keydown", onEditorKey);
  el.codeInput.addEventListener("blur", function () { s.escapeTab = false; });
  el.consent.addEventListener("change", function () { el.startButton.disabled = !el.consent.checked; });
  el.startButton.addEventListener("click", startInterview);
  el.end.addEventListener("click", endInterview);
  document.addEventListener("visibilitychange", function () {
    sendSignal(document.hidden ? "tab_hidden" : "tab_visible");
    if (!document.hidden) reconnectNow();
  });
  window.addEventListener("online", reconnectNow);
  // A panel opening or a phone turning changes the chat's height: keep the newest message in view.
  window.addEventListener("resize", function () { if (s.codeOpen) keepScrolled(true); });

  // Until the first `session` frame the timer shows the server's figure and does not run.
  s.remaining = Number(root.dataset.timeLeftS) || 0;
  renderTimer();
  setInterval(tick, 1000);

  if (root.dataset.status === "ended") {
    finish(root.dataset.endReason);
    return;
  }
  if (!("WebSocket" in window)) {
    showError("This browser cannot run the interview. Please use a recent version of Firefox, Chrome, Safari or Edge.");
    setInputEnabled(false);
    return;
  }
  showStartPage(s.waiting);
  restorePending();
  connect();
})();
