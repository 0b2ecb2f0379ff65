/* Document page: while the document is being processed, poll its API and reload once it is ready
 * or failed (backing off from 1 s to 10 s). */
(function () {
  "use strict";
  var badge = document.getElementById("doc-status");
  if (!badge || badge.dataset.status !== "processing") { return; }
  var delay = 1000;
  function poll() {
    fetch(badge.dataset.api, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) {
        if (doc && doc.status !== "processing") { window.location.reload(); return; }
        delay = Math.min(delay * 1.5, 10000);
        setTimeout(poll, delay);
      })
      .catch(function () { setTimeout(poll, 10000); });
  }
  setTimeout(poll, delay);
})();
