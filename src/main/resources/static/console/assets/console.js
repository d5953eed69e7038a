// The console reads without this script; it adds confirmations, drops empty report filters and keeps live counts fresh.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (form.classList.contains("report")) {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value === "") {
          field.disabled = true;
        }
      });
    }
  });

  function refresh(counts) {
    fetch(counts.getAttribute("data-source"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (values) {
        if (!values) { return; }
        Object.keys(values).forEach(function (status) {
          var cell = counts.querySelector('[data-count="' + status + '"]');
          if (cell) { cell.textContent = new Intl.NumberFormat(document.documentElement.lang).format(values[status]); }
        });
      })
      .catch(function () { /* the next poll tries again */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var counts = document.getElementById("live-counts");
    if (counts) {
      window.setInterval(function () { refresh(counts); }, 5000);
    }
  });
})();
