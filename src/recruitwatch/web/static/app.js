// Sends the session's CSRF token with every HTMX request, and draws the bar charts (their
// widths come from data attributes: the content security policy forbids inline styles).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.body.dataset.csrf;
  if (token) { event.detail.headers["X-CSRF-Token"] = token; }
});
function drawBars(root) {
  root.querySelectorAll(".bar[data-share]").forEach((bar) => {
    bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.share) || 0)) + "%";
  });
}
document.addEventListener("DOMContentLoaded", () => drawBars(document));
document.addEventListener("htmx:afterSwap", (event) => drawBars(event.target));
