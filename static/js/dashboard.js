/* Recruiter pages: keep the dashboard's badges fresh, follow a running interview's transcript,
 * copy the candidate link, and confirm destructive forms. Text from the server goes in with
 * textContent; whole regions are swapped only from this site's own server-rendered page. */
(function () {
  "use strict";

  var FAST_MS = 4000;     // something is processing or running: changes are seconds away
  var SLOW_MS = 30000;    // only interviews waiting for their candidate: changes may take days
  var LIVE_MS = 3000;
  var ACTIVE = ["processing", "in_progress", "pending"];
  var STATUS_LABELS = { scheduled: "Scheduled", in_progress: "In Progress", ended: "Ended" };
  var PHASE_LABELS = { waiting: "Waiting", greeting: "Greeting", topics: "Topics", closing: "Closing", ended: "Ended" };
  var END_LABELS = { completed: "Completed", candidate_ended: "Candidate Ended", timeout: "Timeout", abandoned: "Abandoned" };

  /* ---------- dashboard: re-read the page, swap regions whose statuses changed ---------- */

  function statuses(node) {
    return Array.prototype.map.call(node.querySelectorAll("[data-status]"), function (e) {
      return e.dataset.status;
    });
  }

  function nextDelay(page) {
    var all = statuses(page);
    if (all.some(function (st) { return ACTIVE.indexOf(st) >= 0; })) return FAST_MS;
    if (all.indexOf("scheduled") >= 0) return SLOW_MS;
    return null;
  }

  function swapRegions(fresh) {
    document.querySelectorAll("[data-region]").forEach(function (region) {
      var next = fresh.querySelector('[data-region="' + region.dataset.region + '"]');
      if (!next || statuses(next).join() === statuses(region).join()) return;
      // Never pull a form out from under the recruiter's cursor.
      if (region.contains(document.activeElement)) return;
      region.replaceWith(document.importNode(next, true));
    });
  }

  function pollDashboard(page) {
    var delay = nextDelay(page);
    if (delay === null) return;
    setTimeout(function () {
      if (document.hidden) { pollDashboard(page); return; }
      fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { swapRegions(new DOMParser().parseFromString(html, "text/html")); })
        .catch(function () { /* a missed refresh is retried on the next round */ })
        .then(function () { pollDashboard(page); });
    }, delay);
  }

  /* ---------- interview detail: follow the transcript while the interview runs ---------- */

  function turnItem(turn) {
    var li = document.createElement("li");
    li.className = "rec-turn " + turn.role;
    li.dataset.seq = String(turn.seq);
    var who = document.createElement("span");
    who.className = "who";
    var p = document.createElement(turn.kind === "code" ? "pre" : "p");  // code keeps its indentation
    p.className = turn.kind === "code" ? "text code" : "text";
    li.appendChild(who);
    li.appendChild(p);
    return li;
  }

  // Matches Django's choice labels ("follow_up" -> "Follow Up") so polled and rendered turns agree.
  function titleCase(value) {
    return String(value).split("_").map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join(" ");
  }

  function fillTurn(li, turn) {
    var label = "#" + turn.seq + " " + (turn.role === "candidate" ? "Candidate" : "Interviewer") + " · " +
      titleCase(turn.kind);
    if (turn.status !== "complete") label += " · " + titleCase(turn.status);
    li.querySelector(".who").textContent = label;
    li.querySelector(".text").textContent = turn.text;
  }

  function renderTurns(list, turns) {
    var bySeq = {};
    list.querySelectorAll("li[data-seq]").forEach(function (li) { bySeq[li.dataset.seq] = li; });
    turns.forEach(function (turn) {
      var li = bySeq[turn.seq];
      if (!li) { li = turnItem(turn); list.appendChild(li); }
      fillTurn(li, turn);
    });
    document.getElementById("transcript-empty").hidden = turns.length > 0;
  }

  function renderSignals(signals) {
    var list = document.getElementById("signals");
    if (!list) return;
    list.textContent = "";
    signals.forEach(function (signal) {
      var li = document.createElement("li");
      var time = document.createElement("time");
      time.dateTime = signal.at;
      time.textContent = new Date(signal.at).toLocaleTimeString();
      var name = document.createElement("strong");
      name.textContent = signal.name;
      li.appendChild(time);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(name);
      li.appendChild(document.createTextNode(" " + (signal.detail || "")));
      list.appendChild(li);
    });
    document.getElementById("signals-empty").hidden = signals.length > 0;
  }

  function badge(className, text, status) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    if (status) span.dataset.status = status;
    return span;
  }

  function renderStatus(data) {
    var holder = document.getElementById("interview-status");
    if (!holder) return;
    holder.textContent = "";
    holder.appendChild(badge("badge " + data.status, STATUS_LABELS[data.status] || data.status, data.status));
    if (data.status === "in_progress") {
      holder.appendChild(document.createTextNode(" "));
      holder.appendChild(badge("muted", PHASE_LABELS[data.phase] || data.phase));
    }
    if (data.end_reason) {
      holder.appendChild(document.createTextNode(" "));
      holder.appendChild(badge("muted", END_LABELS[data.end_reason] || data.end_reason));
    }
  }

  function when(value, none) {
    return value ? new Date(value).toLocaleString([], { day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit" }) : none;
  }

  // Consent, start and end times change while the recruiter watches: no reload needed.
  function renderTimes(data) {
    [["interview-consented", data.consented_at, "Not yet"], ["interview-started", data.started_at, "Not yet"],
     ["interview-ended", data.ended_at, "—"]].forEach(function (row) {
      var cell = document.getElementById(row[0]);
      if (cell) cell.textContent = when(row[1], row[2]);
    });
  }

  function followInterview(list) {
    var url = list.dataset.liveUrl;
    function round() {
      if (document.hidden) { setTimeout(round, LIVE_MS); return; }
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          renderTurns(list, data.turns);
          renderSignals(data.integrity || data.signals || []);  // the same timeline as the report
          renderStatus(data);
          renderTimes(data);
          if (data.status !== "ended") setTimeout(round, LIVE_MS);
        })
        .catch(function () { setTimeout(round, LIVE_MS * 3); });
    }
    setTimeout(round, LIVE_MS);
  }

  /* ---------- small helpers: copy the link, confirm a form ---------- */

  function copyFrom(button) {
    var input = document.getElementById(button.dataset.copy);
    var status = document.getElementById("copy-status");
    function done(ok) {
      if (status) status.textContent = ok ? "Link copied." : "Copy failed: select the link and copy it.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () { done(true); }, function () { done(false); });
      return;
    }
    input.select();
    try { done(document.execCommand("copy")); } catch (e) { done(false); }
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () { copyFrom(button); });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  var page = document.querySelector("[data-poll-page]");
  if (page) pollDashboard(page);
  var live = document.querySelector("[data-live-url]");
  if (live) followInterview(live);
})();
