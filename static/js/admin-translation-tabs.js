// The language tabs of the admin's translated fields (django-modeltranslation, jQuery UI
// tabs), made readable to assistive technologies once they are drawn: each tab is the
// list item, so the link inside it is no second control (axe: nested-interactive), and
// the switch that turns every field's tab at once has a name.
window.addEventListener("load", () => {
  document.querySelectorAll("li[role=tab] > a").forEach((anchor) => {
    anchor.removeAttribute("href");
    anchor.removeAttribute("tabindex");
  });
  const mainSwitch = document.getElementById("modeltranslation-main-switch");
  if (mainSwitch && !mainSwitch.hasAttribute("aria-label")) {
    const label = document.getElementById("translation-switch-label");
    mainSwitch.setAttribute("aria-label", label ? label.dataset.label : "Language");
  }
});
