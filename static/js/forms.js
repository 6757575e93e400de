/* The error summary of a refused form (templates/includes/error_summary.html,
 * common/error_summary.py): it takes the focus when the page comes back, so a
 * screen reader reads it and the keyboard starts there, and each of its links
 * puts the cursor in the field at fault with the field's label in view (a bare
 * link to an input scrolls the label out of sight and leaves the focus behind).
 */
(function () {
  "use strict";

  function labelOf(field) {
    return (field.id && document.querySelector('label[for="' + field.id + '"]')) || field;
  }

  function setUp() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) {
        return;
      }
      event.preventDefault();
      var field = target.matches("input, select, textarea, button")
        ? target
        : target.querySelector("input:not([type=hidden]), select, textarea") || target;
      labelOf(field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
