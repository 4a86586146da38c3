// An import's page: polls GET /api/imports/<id> for the progress bar; when the import ends,
// reloads the page, which then shows the report (rendered and escaped by the server).
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box) { return; }
  var bar = document.getElementById("import-progress");
  var phase = document.getElementById("import-phase");
  var phases = JSON.parse(box.getAttribute("data-phases") || "{}");
  var delay = 300;

  function poll() {
    fetch(box.getAttribute("data-api"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        if (job.state === "done" || job.state === "failed") {
          window.location.reload();
          return;
        }
        if (bar) { bar.value = job.progress; bar.textContent = Math.round(job.progress * 100) + "%"; }
        if (phase && phases[job.phase]) { phase.textContent = phases[job.phase]; }
        delay = Math.min(delay * 1.5, 2000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, delay);
}());
