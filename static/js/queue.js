// The review queue's keyboard: each key clicks the matching real button, so htmx (or the
// plain form, without htmx) does the work. Keys are ignored while typing in a field.
(function () {
  "use strict";
  var KEYS = ["a", "c", "u", "n", "s", "z"];
  var busy = false;

  function typing(target) {
    if (!target || !target.tagName) return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.repeat) return;
    if (typing(event.target)) return;
    var key = (event.key || "").toLowerCase();
    if (KEYS.indexOf(key) < 0 || busy) return;
    var panel = document.getElementById("queue-panel");
    if (window.htmx && panel && panel.getAttribute("data-ready") !== "true") return;
    var button = document.querySelector('#queue-panel button[data-key="' + key + '"]');
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });

  // One action at a time: a second key press while the first is in flight would act on a
  // claim that is about to leave the screen.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target && event.target.closest && event.target.closest("#queue-panel form")) busy = true;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail || !event.detail.successful) busy = false;
  });

  // A new panel takes keys only once htmx has wired its forms (htmx:load); a key pressed
  // before that would submit the plain form and reload the page.
  document.addEventListener("htmx:load", function () {
    var panel = document.getElementById("queue-panel");
    if (panel) panel.setAttribute("data-ready", "true");
    busy = false;
  });

  // After a swap, move focus to the new claim's heading so keyboard and screen-reader users
  // continue from the top of the next claim.
  document.addEventListener("htmx:afterSwap", function (event) {
    var panel = document.getElementById("queue-panel");
    if (!panel || (event.target !== panel && !panel.contains(event.target) && event.target.id !== "queue-panel")) return;
    var heading = document.getElementById("queue-heading");
    if (heading) heading.focus({ preventScroll: false });
  });
})();
