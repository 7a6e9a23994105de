// Session expiry warning (shifan/accounts/session_policy.py). The page's <body> carries the seconds
// left before the session ends (data-session-remaining); two minutes before, a banner offers
// 「继续使用」, which posts to the keep-alive URL. Drafts autosave, so an expiry loses no typed work.
(function () {
  var body = document.body;
  var remaining = body && parseInt(body.getAttribute("data-session-remaining"), 10);
  if (!remaining || remaining <= 0) {
    return;
  }
  var warnBefore = parseInt(body.getAttribute("data-session-warn"), 10) || 120;
  var url = body.getAttribute("data-keepalive-url");
  var deadline = Date.now() + remaining * 1000;
  var banner = null;
  var warnTimer = null;
  var tick = null;

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function buildBanner() {
    banner = document.createElement("div");
    banner.className = "session-warning message warning";
    banner.setAttribute("role", "alertdialog");
    banner.setAttribute("aria-live", "assertive");
    var text = document.createElement("span");
    text.className = "session-warning-text";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button small-solid";
    button.textContent = "继续使用";
    button.addEventListener("click", keepAlive);
    banner.appendChild(text);
    banner.appendChild(button);
    banner.hidden = true;
    body.appendChild(banner);
  }

  function render() {
    var left = secondsLeft();
    if (left <= 0) {
      window.clearInterval(tick);
      // The server has ended the session: reloading shows the login page with the reason.
      window.location.reload();
      return;
    }
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    banner.firstChild.textContent = "由于长时间未操作，系统将在 " + (minutes ? minutes + " 分 " : "") + seconds +
      " 秒后自动退出。已填写的内容会自动保存。";
  }

  function showWarning() {
    if (!banner) {
      buildBanner();
    }
    banner.hidden = false;
    render();
    window.clearInterval(tick);
    tick = window.setInterval(render, 1000);
  }

  function schedule(seconds) {
    deadline = Date.now() + seconds * 1000;
    window.clearTimeout(warnTimer);
    window.clearInterval(tick);
    if (banner) {
      banner.hidden = true;
    }
    warnTimer = window.setTimeout(showWarning, Math.max(0, seconds - warnBefore) * 1000);
  }

  function keepAlive() {
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (!response.ok || response.redirected) {
        window.location.reload();
        return null;
      }
      return response.json();
    }).then(function (data) {
      if (data && data.remaining) {
        schedule(data.remaining);
      }
    });
  }

  // Requests made by htmx count as activity on the server, so the clock starts again.
  document.addEventListener("htmx:afterRequest", function () {
    schedule(remaining);
  });
  schedule(remaining);
})();
