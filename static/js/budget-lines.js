/* The microgrant request's budget lines (templates/microgrants/form.html).
 *
 * Without this script the form still does everything: "Add a line" posts the
 * form and it comes back, as typed, with one more line (microgrants/forms.py,
 * another_line), a line is removed with its Delete box, and the total is said
 * when the page comes back. With it, "Add a line" adds the line on the page,
 * each line gets a "Remove this line" button, and the total is said as the
 * organizer types, against the amount requested, in the page's language.
 */
(function () {
  "use strict";

  function amountOf(input) {
    var text = (input && input.value.trim().replace(",", ".")) || "";
    var value = Number(text);
    return text !== "" && isFinite(value) && value > 0 ? value : null;
  }

  function money(value, currency) {
    var whole = Math.round(value * 100) % 100 === 0;
    try {
      return new Intl.NumberFormat(document.documentElement.lang || "en", {
        style: "currency",
        currency: currency || "EUR",
        minimumFractionDigits: whole ? 0 : 2,
        maximumFractionDigits: whole ? 0 : 2,
      }).format(value);
    } catch (error) {
      return value.toFixed(2) + " " + (currency || "");
    }
  }

  function fill(sentence, values) {
    return sentence.replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function setUp(budget) {
    var prefix = budget.dataset.prefix;
    var rows = budget.querySelector("#" + prefix + "-formset");
    var template = budget.querySelector("template[data-empty-line]");
    var totalForms = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var maxForms = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var addButton = budget.querySelector("[data-add-line]");
    var output = budget.querySelector("[data-budget-total]");
    var form = budget.closest("form");
    var amountInput = form.querySelector("[name=amount_requested]");
    var currencyInput = form.querySelector("[name=currency]");
    if (!rows || !template || !totalForms || !addButton || !output) {
      return;
    }

    function isRemoved(row) {
      var box = row.querySelector("input[name$='-DELETE']");
      return row.hidden || (box && box.checked);
    }

    function sayTotal() {
      var total = 0;
      rows.querySelectorAll(".formset__row").forEach(function (row) {
        if (!isRemoved(row)) {
          total += amountOf(row.querySelector("input[name$='-amount']")) || 0;
        }
      });
      total = Math.round(total * 100) / 100;
      var amount = amountOf(amountInput);
      var currency = currencyInput && currencyInput.value;
      var values = {
        total: money(total, currency),
        amount: money(amount || 0, currency),
        difference: money(Math.abs((amount || 0) - total), currency),
      };
      var data = output.dataset;
      var sentence = amount === null ? data.noAmount
        : total < amount ? data.less
        : total > amount ? data.more
        : data.equal;
      output.textContent = fill(sentence, values);
    }

    function addRemoveButton(row) {
      var box = row.querySelector("input[name$='-DELETE']");
      if (!box) {
        return;
      }
      // The Delete box stays in the form, ticked by the button, out of sight.
      box.parentElement.hidden = true;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary button--small formset__remove";
      button.textContent = budget.dataset.removeLabel;
      button.addEventListener("click", function () {
        box.checked = true;
        row.hidden = true;
        sayTotal();
        output.textContent = budget.dataset.lineRemoved + " " + output.textContent;
        addButton.focus();
      });
      row.appendChild(button);
    }

    function updateAddButton() {
      var limit = maxForms ? Number(maxForms.value) : Infinity;
      addButton.hidden = Number(totalForms.value) >= limit;
    }

    addButton.addEventListener("click", function (event) {
      event.preventDefault();
      var index = Number(totalForms.value);
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      var legend = row.querySelector("legend");
      if (legend) {
        legend.textContent = legend.textContent + " " + (index + 1);
      }
      rows.appendChild(row);
      totalForms.value = String(index + 1);
      addRemoveButton(row);
      updateAddButton();
      var first = row.querySelector("input, select, textarea");
      if (first) {
        first.focus();
      }
    });

    rows.querySelectorAll(".formset__row").forEach(addRemoveButton);
    form.addEventListener("input", sayTotal);
    form.addEventListener("change", sayTotal);
    updateAddButton();
    sayTotal();
  }

  function start() {
    document.querySelectorAll("[data-budget]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
