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
