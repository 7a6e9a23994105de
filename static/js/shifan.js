// Small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var message = button && button.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Long imports: show that the server is working until the next page arrives.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var text = form.getAttribute && form.getAttribute("data-progress");
  if (!text || event.defaultPrevented) {
    return;
  }
  var status = form.querySelector(".progress");
  if (status) {
    status.textContent = text;
    status.hidden = false;
  }
  var button = form.querySelector("button[type=submit]");
  if (button) {
    button.disabled = true;
  }
});

// Autosave of section forms: a changed form is saved in the background every N ms, so a
// timeout or a closed tab never loses typed work. The server answers JSON; the optimistic-lock
// version is carried forward, and a stale or invalid save is reported, never forced.
(function () {
  function autosave(form) {
    if (!form.dataset.dirty || form.dataset.saving) {
      return Promise.resolve();
    }
    var status = form.querySelector(".autosave-status");
    form.dataset.saving = "1";
    delete form.dataset.dirty;
    return fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
    })
      .then(function (response) {
        // An ended session answers with the login page, not JSON: say so instead of "network".
        if (response.redirected || (response.headers.get("Content-Type") || "").indexOf("json") === -1) {
          throw new Error("signed-out");
        }
        return response.json();
      })
      .then(function (answer) {
        if (answer.saved) {
          form.querySelector("input[name=version]").value = answer.version;
        } else {
          form.dataset.dirty = "1";
        }
        if (status) {
          status.textContent = answer.message;
        }
      })
      .catch(function (error) {
        form.dataset.dirty = "1";
        if (status) {
          status.textContent = error && error.message === "signed-out"
            ? "登录已超时，本次未能自动保存；内容仍在页面上，请在新标签页重新登录后回到本页点击“保存本部分”。"
            : "自动保存失败（网络中断？），内容仍在页面上，请稍后点击“保存本部分”。";
        }
      })
      .finally(function () {
        delete form.dataset.saving;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      form.addEventListener("input", function () {
        form.dataset.dirty = "1";
      });
      form.addEventListener("change", function () {
        form.dataset.dirty = "1";
      });
      window.setInterval(function () {
        autosave(form);
      }, parseInt(form.dataset.autosave, 10) || 30000);
    });
  });

  // Lets a test, or a "save now" control, trigger the same save without waiting.
  window.shifanAutosaveNow = function () {
    return Promise.all(Array.from(document.querySelectorAll("form[data-autosave]")).map(autosave));
  };
})();

// The score sheet's running total, so an expert sees the sum before submitting.
(function () {
  function update(table) {
    var total = 0;
    table.querySelectorAll("input[name^='points_']").forEach(function (input) {
      var value = parseFloat(input.value);
      if (!isNaN(value)) { total += value; }
    });
    var out = document.querySelector("[data-score-total]");
    if (out) { out.textContent = total.toFixed(1); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table.score-sheet");
    if (!table) { return; }
    table.addEventListener("input", function () { update(table); });
    update(table);
  });
})();

// A table wider than its box scrolls sideways inside .table-wrap: make that box reachable by
// keyboard (WCAG 2.1.1), so it can be scrolled with the arrow keys, and name it for screen readers.
(function () {
  // The region's name: the table's caption, else the heading of its section; numbered when repeated.
  function nameOf(box, used) {
    var caption = box.querySelector("caption");
    var section = box.closest("section, article");
    var heading = section && section.querySelector("h1, h2, h3, h4");
    var name = ((caption || heading || {}).textContent || "表格").trim().slice(0, 60) + "（可左右滚动）";
    used[name] = (used[name] || 0) + 1;
    return used[name] > 1 ? name + " " + used[name] : name;
  }
  function mark() {
    var used = {};
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box, used));
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
