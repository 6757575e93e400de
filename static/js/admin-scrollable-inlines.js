/*
 * The admin's inline tables scroll sideways where they are wider than the screen (a
 * phone: Django's responsive.css gives .inline-group overflow: auto). A keyboard must
 * reach such a table to scroll it, so each inline that scrolls is a focusable region
 * named by its heading (WCAG 2.1.1, axe's scrollable-region-focusable); one that fits
 * is no stop on the way.
 */
(function () {
  "use strict";

  function mark(group) {
    var heading = group.querySelector("h2");
    if (group.scrollWidth > group.clientWidth && heading) {
      if (!heading.id) {
        heading.id = group.id + "-title";
      }
      group.tabIndex = 0;
      group.setAttribute("role", "region");
      group.setAttribute("aria-labelledby", heading.id);
    } else {
      group.removeAttribute("tabindex");
      group.removeAttribute("role");
      group.removeAttribute("aria-labelledby");
    }
  }

  function markAll() {
    document.querySelectorAll(".inline-group").forEach(mark);
  }

  document.addEventListener("DOMContentLoaded", markAll);
  window.addEventListener("resize", markAll);
})();
