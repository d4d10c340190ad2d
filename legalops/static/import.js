// Poll the import's progress and reload the page (which then shows the report) once the job is done.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  var bar = box.querySelector(".progress > span");
  var text = box.querySelector("[data-role=progress-text]");
  function poll() {
    fetch(box.getAttribute("data-progress-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.done) { window.location.reload(); return; }
        bar.style.width = state.percent + "%";
        if (state.message) { text.textContent = state.message + " · " + state.progress + " / " + state.total; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
